import { AuditLog, openFreshDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_URL } from '../../../../test/test-database';
import { generateApiKey } from './api-key-format';
import { ApiKeyRequestError, ApiKeyService } from './api-key.service';

describe(ApiKeyService.name, () => {
  // A schema of its own: the bootstrap key is only stored while no admin key exists.
  let fresh: Awaited<ReturnType<typeof openFreshDatabase>>;
  let dataSource: DataSource;
  let keys: ApiKeyService;

  beforeAll(async () => {
    fresh = await openFreshDatabase({ databaseUrl: TEST_DATABASE_URL });
    dataSource = fresh.dataSource;
    keys = new ApiKeyService(dataSource);
  });
  afterAll(() => fresh.dispose());

  it('stores the bootstrap key as the admin for every claimant once, and never revives it once revoked', async () => {
    const bootstrap = generateApiKey();
    expect(await keys.bootstrapAdmin(bootstrap.key, 'test')).toBe('stored');
    expect(await keys.bootstrapAdmin(bootstrap.key, 'test')).toBe('admin-exists');
    expect(await keys.authenticate(bootstrap.key)).toEqual({ id: bootstrap.id, name: 'bootstrap', role: 'admin', claimants: null });

    expect(await keys.revoke(bootstrap.id, 'test')).toBe('last-admin');
    const second = await keys.create({ name: 'ops', role: 'admin', claimants: ['*'] }, 'test');
    expect(await keys.revoke(bootstrap.id, 'test')).toBe('revoked');
    expect(await keys.revoke(bootstrap.id, 'test')).toBe('already-revoked');
    expect(await keys.authenticate(bootstrap.key)).toBeNull();
    expect(await keys.revoke(second.key.id, 'test')).toBe('last-admin');
    await dataSource.query(`UPDATE api_key SET revoked_at = now()`);
    expect(await keys.bootstrapAdmin(bootstrap.key, 'test')).toBe('id-taken');
    expect(await keys.authenticate(bootstrap.key)).toBeNull();
  });

  it('shows a new key once, keeps only its sha256, and limits it to its claimants', async () => {
    const { key, secret } = await keys.create({ name: ' finance at A ', role: 'finance', claimants: ['12-3456789AB', '12-3456789AB', 'X-1'] }, 'key:someone');
    expect(key).toEqual({ id: expect.any(String), name: 'finance at A', role: 'finance', claimants: ['12-3456789AB', 'X-1'], createdAt: expect.any(String), revokedAt: null });
    const [row] = await dataSource.query(`SELECT secret_hash FROM api_key WHERE id = $1`, [key.id]);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await dataSource.query(`SELECT * FROM api_key`))).not.toContain(secret.slice('dbk_'.length + 33));
    expect(await keys.authenticate(secret)).toEqual({ id: key.id, name: 'finance at A', role: 'finance', claimants: ['12-3456789AB', 'X-1'] });
    expect(await keys.authenticate(`${secret.slice(0, -2)}xx`)).toBeNull();
    expect((await keys.list()).find((listed) => listed.id === key.id)).toEqual(key);
    const events = await new AuditLog(dataSource).list({ subject: `api_key:${key.id}` });
    expect(events).toMatchObject([{ actor: 'key:someone', action: 'key.created', after: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('refuses a key request with every problem named', async () => {
    const refused = keys.create({ name: '', role: 'owner', claimants: ['*', 'A B'] }, 'test');
    await expect(refused).rejects.toBeInstanceOf(ApiKeyRequestError);
    await expect(refused).rejects.toMatchObject({
      problems: ['name must be 1 to 100 characters', 'role must be one of specialist, finance, auditor, admin', 'claimants: * (every claimant) stands alone'],
    });
    await expect(keys.create({ name: 'n', role: 'finance', claimants: [] }, 'test')).rejects.toMatchObject({ problems: [expect.stringMatching(/^claimants must name/)] });
    await expect(keys.create({ name: 'n', role: 'finance', claimants: ['A,B'] }, 'test')).rejects.toMatchObject({ problems: ['claimant "A,B" is not an importer number'] });
  });
});
