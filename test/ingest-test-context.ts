import { IngestService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { resetData } from './reset-data';
import { TEST_DATABASE_URL } from './test-database';

/**
 * For a describe block of ingest tests: the test database and an IngestService on it, the data tables
 * emptied before each test. The fields are set once the block's beforeAll has run.
 */
export function ingestTestContext(): { readonly dataSource: DataSource; readonly service: IngestService } {
  const context = {} as { dataSource: DataSource; service: IngestService };
  beforeAll(async () => {
    context.dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    context.service = new IngestService(context.dataSource);
  });
  beforeEach(() => resetData(context.dataSource));
  afterAll(() => context.dataSource.destroy());
  return context;
}
