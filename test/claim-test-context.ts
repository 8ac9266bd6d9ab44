import { ClaimService, IngestService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { resetData } from './reset-data';
import { TEST_DATABASE_URL } from './test-database';

/**
 * For a describe block of claim tests: the test database and a ClaimService on it; before each test the
 * data tables are emptied and the block's data set (a folder, made afresh by `dataSet`) is ingested,
 * which must be accepted. The fields are set once the block's beforeAll has run.
 */
export function claimTestContext(dataSet: () => string): { readonly dataSource: DataSource; readonly service: ClaimService } {
  const context = {} as { dataSource: DataSource; service: ClaimService };
  beforeAll(async () => {
    context.dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    context.service = new ClaimService(context.dataSource);
  });
  beforeEach(async () => {
    await resetData(context.dataSource);
    expect((await new IngestService(context.dataSource).ingest([dataSet()])).errors).toEqual([]);
  });
  afterAll(() => context.dataSource.destroy());
  return context;
}
