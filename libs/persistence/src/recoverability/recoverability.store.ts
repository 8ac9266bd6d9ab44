import { BucketFacts, Decision, Provision } from '@drawback/rules';
import { DutyProgram } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { SqlSession } from '../sql-session';
import { BUCKET_FACTS_PAGE_SQL, BucketFactsRow, NEXT_BUCKET_PAGE_END_SQL } from './bucket-facts.sql';

/** A duty amount of one entry line: a line-level bucket, or a line's share of an entry-level fee. */
export interface LineDuty {
  dutyBucketId: string;
  entryLineId: string;
  facts: BucketFacts;
}

export interface BucketTag {
  dutyBucketId: string;
  entryLineId: string;
  provision: Provision;
  amount: string;
  decision: Decision;
}

const PAGE = 5000;
/** First key of the advisory lock that serialises writers of one version's tags. */
const TAG_LOCK = 0x7461;

function toFacts(row: BucketFactsRow): BucketFacts {
  return {
    program: row.program as DutyProgram,
    heading: row.heading,
    metal: row.metal as BucketFacts['metal'],
    s232Annex: row.s232_annex,
    amount: row.amount,
    line: {
      countryOfOrigin: row.country_of_origin,
      meltPourCountry: row.melt_pour_country,
      smeltPrimaryCountry: row.smelt_primary_country,
      smeltSecondaryCountry: row.smelt_secondary_country,
      castCountry: row.cast_country,
      adcvdCase: row.adcvd_case,
      hasAdcvdBucket: row.has_adcvd_bucket,
      ieepaRefundClaimed: row.ieepa_refund_claimed,
    },
    entry: { importDate: row.import_date, entryDate: row.entry_date },
  };
}

/** Reads the duty amounts of entry lines and keeps the recoverability view (table bucket_tag). */
export class RecoverabilityStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Pages of line duties, all of them or those of the given entries, never all in memory at once. */
  async *lineDuties(entryIds: string[] | null = null): AsyncGenerator<LineDuty[]> {
    let after = '0';
    for (;;) {
      const [{ last }] = await this.dataSource.query(NEXT_BUCKET_PAGE_END_SQL, [after, PAGE, entryIds]);
      if (last === null) return;
      const rows: BucketFactsRow[] = await this.dataSource.query(BUCKET_FACTS_PAGE_SQL, [after, last, entryIds]);
      yield rows.map((row) => ({ dutyBucketId: row.duty_bucket_id, entryLineId: row.entry_line_id, facts: toFacts(row) }));
      after = last;
    }
  }

  /**
   * Entries with a line duty — a line's bucket or its share of an entry-level one — that has no tag of this version
   * yet (hash anti-joins, linear): a new entry, and a stored one a later data set gave a duty more. The whole entry is
   * retagged, for a line's other buckets decide with it (an AD/CVD bucket makes its Section 232 an AD/CVD article's).
   */
  async untaggedEntryIds(version: string): Promise<string[]> {
    const rows: Array<{ entry_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT d.entry_id::text AS entry_id
         FROM (SELECT b.entry_id, b.id AS duty_bucket_id, b.entry_line_id FROM duty_bucket b WHERE b.entry_line_id IS NOT NULL
               UNION ALL
               SELECT b.entry_id, s.duty_bucket_id, s.entry_line_id FROM duty_bucket_share s JOIN duty_bucket b ON b.id = s.duty_bucket_id) d
        WHERE NOT EXISTS (SELECT 1 FROM bucket_tag t
                           WHERE t.rule_version = $1 AND t.duty_bucket_id = d.duty_bucket_id AND t.entry_line_id = d.entry_line_id)`,
      [version]);
    return rows.map((row) => row.entry_id);
  }

  /**
   * Replaces the tags of one version (for the given entries, or all) in one transaction, so that a
   * retag run twice writes the same rows once; tags of other versions stay as they were.
   */
  async replaceTags(version: string, entryIds: string[] | null, pages: AsyncIterable<BucketTag[]>): Promise<number> {
    const session = await SqlSession.open(this.dataSource);
    try {
      await session.begin();
      // Retags of one version (a retag job, an ingest tagging its new entries, the command line) take turns:
      // two at once would both delete, then both insert the same keys, and one would fail on the primary key.
      await session.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [TAG_LOCK, version]);
      const written = await writeTags(session, version, entryIds, pages);
      await session.commit();
      return written;
    } catch (error) {
      await session.rollback();
      throw error;
    } finally {
      await session.release();
    }
  }
}

/** Deletes one version's tags (of the given entries, or all) and COPYs the new ones in, on a session. */
export async function writeTags(session: SqlSession, version: string, entryIds: string[] | null, pages: AsyncIterable<BucketTag[]>): Promise<number> {
  await session.query(
    `DELETE FROM bucket_tag t USING entry_line el
      WHERE el.id = t.entry_line_id AND t.rule_version = $1 AND ($2::bigint[] IS NULL OR el.entry_id = ANY ($2::bigint[]))`,
    [version, entryIds]);
  const sink = session.copyInto('bucket_tag', ['duty_bucket_id', 'entry_line_id', 'provision', 'rule_version', 'amount', 'status', 'reason', 'rule_id', 'unverified']);
  let written = 0;
  for await (const tags of pages) {
    for (const tag of tags) {
      const unverified = `{${tag.decision.unverified.map((id) => `"${id}"`).join(',')}}`;
      await sink.write([tag.dutyBucketId, tag.entryLineId, tag.provision, version, tag.amount, tag.decision.status, tag.decision.reason, tag.decision.ruleId, unverified]);
      written += 1;
    }
  }
  await sink.end();
  return written;
}
