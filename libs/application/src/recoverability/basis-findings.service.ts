import { ClaimantScope, findEntryId, storedS232Lines } from '@drawback/persistence';
import { BasisFinding, checkS232Basis } from '@drawback/rules';
import { DataSource } from 'typeorm';

/**
 * The Section 232 basis check (rules §3.3) over an entry as stored: the same findings `drawback check`
 * and an ingest report, recomputed from what the database holds. Findings are reported, never a refusal.
 */
export class BasisFindingsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every finding on the entry's Section 232 lines; null when no such entry of the scope's importers is stored. */
  async ofEntry(entryNumber: string, scope: ClaimantScope = null): Promise<BasisFinding[] | null> {
    const query = <T>(sql: string, parameters?: unknown[]): Promise<T[]> => this.dataSource.query(sql, parameters);
    if ((await findEntryId(query, entryNumber, scope)) === null) return null;
    const findings: BasisFinding[] = [];
    for await (const lines of storedS232Lines(query, entryNumber)) findings.push(...lines.flatMap(checkS232Basis));
    return findings;
  }
}
