import { DataSource } from 'typeorm';

/** The roles of interfaces.md, HTTP API; the table's CHECK holds the same list. */
export const API_ROLES = ['specialist', 'finance', 'auditor', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** `{*}`: every claimant. */
export const EVERY_CLAIMANT = '*';

export interface StoredApiKey {
  id: string;
  name: string;
  role: ApiRole;
  /** Importer numbers, or `['*']`. */
  claimants: string[];
  /** sha256 (hex) of the key as its holder has it; the key itself is never stored. */
  secretHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export type NewApiKey = Pick<StoredApiKey, 'id' | 'name' | 'role' | 'claimants' | 'secretHash'>;

export type RevokeOutcome = 'revoked' | 'not-found' | 'already-revoked' | 'last-admin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `id::text AS id, name, role, claimants, secret_hash AS "secretHash",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "revokedAt"`;

/** An active admin key for every claimant: the one that can manage keys. */
const ACTIVE_FULL_ADMIN = `role = 'admin' AND revoked_at IS NULL AND claimants = '{*}'`;

/** The table api_key: keys are added and revoked, never changed otherwise nor deleted. */
export class ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async insert(key: NewApiKey): Promise<StoredApiKey> {
    const [row] = await this.dataSource.query<StoredApiKey[]>(
      `INSERT INTO api_key (id, name, role, claimants, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [key.id, key.name, key.role, key.claimants, key.secretHash]);
    return row;
  }

  /**
   * Stores the key only while no active admin key for every claimant exists and its id is free, in one
   * statement so that two API instances starting together store it at most once; null when not stored.
   */
  async insertFirstAdmin(key: NewApiKey): Promise<StoredApiKey | null> {
    const [row] = await this.dataSource.query<StoredApiKey[]>(
      `INSERT INTO api_key (id, name, role, claimants, secret_hash)
       SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM api_key WHERE ${ACTIVE_FULL_ADMIN})
       ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
      [key.id, key.name, key.role, key.claimants, key.secretHash]);
    return row ?? null;
  }

  async activeFullAdminExists(): Promise<boolean> {
    const [row] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM api_key WHERE ${ACTIVE_FULL_ADMIN} LIMIT 1`);
    return row !== undefined;
  }

  async find(id: string): Promise<StoredApiKey | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.dataSource.query<StoredApiKey[]>(`SELECT ${COLUMNS} FROM api_key WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Every key, revoked ones included, oldest first. */
  list(): Promise<StoredApiKey[]> {
    return this.dataSource.query<StoredApiKey[]>(`SELECT ${COLUMNS} FROM api_key ORDER BY created_at, id`);
  }

  /** Revokes a key, unless it is the last active admin key for every claimant (nobody could manage keys then). */
  async revoke(id: string): Promise<{ outcome: RevokeOutcome; key: StoredApiKey | null }> {
    if (!UUID.test(id)) return { outcome: 'not-found', key: null };
    // An UPDATE answers [rows, rowCount] through TypeORM.
    const [[revoked]] = await this.dataSource.query<[StoredApiKey[], number]>(
      `UPDATE api_key k SET revoked_at = now()
        WHERE k.id = $1 AND k.revoked_at IS NULL
          AND (NOT (k.role = 'admin' AND k.claimants = '{*}') OR EXISTS (SELECT 1 FROM api_key WHERE ${ACTIVE_FULL_ADMIN} AND id <> k.id))
        RETURNING ${COLUMNS}`, [id]);
    if (revoked) return { outcome: 'revoked', key: revoked };
    const key = await this.find(id);
    if (!key) return { outcome: 'not-found', key: null };
    return { outcome: key.revokedAt ? 'already-revoked' : 'last-admin', key };
  }
}
