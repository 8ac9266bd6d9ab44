import { timingSafeEqual } from 'node:crypto';
import { API_ROLES, ApiKeyStore, ApiRole, AuditLog, ClaimantScope, digestOf, EVERY_CLAIMANT, NewApiKey, RevokeOutcome, StoredApiKey } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { generateApiKey, hashApiKey, parseApiKey } from './api-key-format';

export interface ApiKeyRequest {
  name: string;
  role: string;
  /** Importer numbers, or `['*']` for every claimant. */
  claimants: readonly string[];
}

/** A key as shown to an administrator: never its secret nor its hash. */
export type ApiKeyView = Omit<StoredApiKey, 'secretHash'>;

/** Who a request's key is: its role and the claimants it may see (null: every claimant). */
export interface AuthenticatedKey {
  id: string;
  name: string;
  role: ApiRole;
  claimants: ClaimantScope;
}

export class ApiKeyRequestError extends Error {
  constructor(readonly problems: string[]) {
    super(`the key is refused: ${problems.join('; ')}`);
    this.name = 'ApiKeyRequestError';
  }
}

export const BOOTSTRAP_KEY_NAME = 'bootstrap';
const MAX_NAME = 100;
const MAX_CLAIMANT = 64;

/** An importer number a key may be limited to: no spaces, no comma (the command line lists them with commas). */
const CLAIMANT_PATTERN = /^[^\s,*]+$/;

const view = ({ secretHash: _hash, ...key }: StoredApiKey): ApiKeyView => key;

/**
 * API keys: made with a random secret shown once, stored as a sha256, checked in constant time, revoked
 * rather than deleted. Every key made or revoked is in the audit trail (`api_key:<id>`).
 */
export class ApiKeyService {
  private readonly keys: ApiKeyStore;

  constructor(private readonly dataSource: DataSource) {
    this.keys = new ApiKeyStore(dataSource);
  }

  /** A new key; `secret` is the key itself, returned this once and never again. */
  async create(request: ApiKeyRequest, actor: string): Promise<{ key: ApiKeyView; secret: string }> {
    const checked = checkRequest(request);
    const generated = generateApiKey();
    const stored = await this.keys.insert({ ...checked, id: generated.id, secretHash: hashApiKey(generated.key) });
    await this.audit(actor, 'key.created', stored);
    return { key: view(stored), secret: generated.key };
  }

  /**
   * Stores an operator's key (BOOTSTRAP_ADMIN_KEY) as an admin key for every claimant, when no active admin
   * key for every claimant exists. A key whose id is taken already (one revoked earlier) is never revived.
   */
  async bootstrapAdmin(key: string, actor: string): Promise<'stored' | 'admin-exists' | 'id-taken'> {
    const parsed = parseApiKey(key);
    if (!parsed) throw new ApiKeyRequestError(['the bootstrap key does not have the key format']);
    const stored = await this.keys.insertFirstAdmin({
      id: parsed.id, name: BOOTSTRAP_KEY_NAME, role: 'admin', claimants: [EVERY_CLAIMANT], secretHash: hashApiKey(key),
    });
    if (stored) {
      await this.audit(actor, 'key.created', stored);
      return 'stored';
    }
    return (await this.keys.activeFullAdminExists()) ? 'admin-exists' : 'id-taken';
  }

  async revoke(id: string, actor: string): Promise<RevokeOutcome> {
    const { outcome, key } = await this.keys.revoke(id);
    if (outcome === 'revoked' && key) await this.audit(actor, 'key.revoked', key);
    return outcome;
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.list()).map(view);
  }

  /** The key a bearer token names, when it exists, is not revoked and its hash matches; else null. */
  async authenticate(bearer: string): Promise<AuthenticatedKey | null> {
    const parsed = parseApiKey(bearer);
    if (!parsed) return null;
    const stored = await this.keys.find(parsed.id);
    if (!stored || stored.revokedAt !== null) return null;
    // Constant time: how much of the hash matched must not show in how long the answer takes.
    if (!timingSafeEqual(Buffer.from(hashApiKey(parsed.key), 'hex'), Buffer.from(stored.secretHash, 'hex'))) return null;
    return {
      id: stored.id, name: stored.name, role: stored.role,
      claimants: stored.claimants.includes(EVERY_CLAIMANT) ? null : stored.claimants,
    };
  }

  private async audit(actor: string, action: 'key.created' | 'key.revoked', key: StoredApiKey): Promise<void> {
    await new AuditLog(this.dataSource).record({
      actor, action, subject: `api_key:${key.id}`, after: digestOf(view(key)),
      detail: { name: key.name, role: key.role, claimants: key.claimants },
    });
  }
}

/** Claimants trimmed and without repeats; none when the request holds no list. */
function claimantsOf(request: ApiKeyRequest): string[] {
  return Array.isArray(request.claimants)
    ? [...new Set(request.claimants.map((c) => (typeof c === 'string' ? c.trim() : '')))]
    : [];
}

/**
 * Every problem of a key request, each starting with the field it is about (`name …`, `role …`,
 * `claimants …`, `claimant "…" …`); none when the key may be made. The API lists them with its own.
 */
export function keyRequestProblems(request: ApiKeyRequest): string[] {
  const problems: string[] = [];
  const name = typeof request.name === 'string' ? request.name.trim() : '';
  if (name === '' || name.length > MAX_NAME) problems.push(`name must be 1 to ${MAX_NAME} characters`);
  if (!(API_ROLES as readonly string[]).includes(request.role)) problems.push(`role must be one of ${API_ROLES.join(', ')}`);
  const claimants = claimantsOf(request);
  if (claimants.length === 0) problems.push('claimants must name at least one importer number, or * for every claimant');
  else if (claimants.includes(EVERY_CLAIMANT)) {
    if (claimants.length > 1) problems.push('claimants: * (every claimant) stands alone');
  } else {
    for (const claimant of claimants) {
      if (!CLAIMANT_PATTERN.test(claimant) || claimant.length > MAX_CLAIMANT) problems.push(`claimant "${claimant}" is not an importer number`);
    }
  }
  return problems;
}

/** The request checked whole, every problem named; claimants trimmed and without repeats. */
function checkRequest(request: ApiKeyRequest): Omit<NewApiKey, 'id' | 'secretHash'> {
  const problems = keyRequestProblems(request);
  if (problems.length > 0) throw new ApiKeyRequestError(problems);
  return { name: request.name.trim(), role: request.role as ApiRole, claimants: claimantsOf(request) };
}
