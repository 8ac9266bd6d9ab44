import request from 'supertest';
import { DataSource } from 'typeorm';
import { generateApiKey, parseApiKey } from '@drawback/application';
import { ApiRole, openDatabase } from '@drawback/persistence';
import { TEST_DATABASE_URL } from '../test-database';
import { POLICY, registeredRoutes, ROLES, Route, RoutePolicy, samplePath } from './access-policy';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';

jest.setTimeout(JOB_TIMEOUT_MS + 60_000);

const A = '12-3456789AB';
const BOOTSTRAP = generateApiKey().key;
const WHAT_IF = 'POST /portfolio/what-if';
const idOf = (key: string) => parseApiKey(key)!.id;

describe('access control over every route the API registers', () => {
  const harness = new ApiHarness({ BOOTSTRAP_ADMIN_KEY: BOOTSTRAP });
  let dataSource: DataSource;
  let routes: Route[];
  const roleKeys = new Map<ApiRole, string>();

  /** The route with sample parameters; a body for what is not a GET (refused, or answered 400/404/422 when let through). */
  const call = (route: Route, key?: string): request.Test => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'delete';
    let test = request(harness.server)[method](samplePath(route.path));
    if (key) test = test.set('Authorization', `Bearer ${key}`);
    return route.method === 'GET' ? test : test.send({});
  };
  const policyOf = (route: Route): RoutePolicy => POLICY[route.name];

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    // As on a fresh install: no active admin key for every claimant, so the API stores BOOTSTRAP_ADMIN_KEY.
    await dataSource.query(`UPDATE api_key SET revoked_at = now() WHERE revoked_at IS NULL`);
    await harness.start();
    routes = registeredRoutes(harness.api);
    for (const role of ROLES) roleKeys.set(role, await harness.createKey(role, ['*']));
  });

  afterAll(async () => {
    await harness.stop();
    await dataSource?.destroy();
  });

  it('has a decided access for every route the application registers, and for no route it lost', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((route) => !(route.name in POLICY)).map((route) => `${route.name} is not in access-policy.ts`)).toEqual([]);
    expect(Object.keys(POLICY).filter((name) => !routes.some((route) => route.name === name))).toEqual([]);
  });

  it('answers 401 UNAUTHENTICATED without a key on every route but the public ones, each route declaring its access', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const response = await call(route);
      if (policyOf(route) === 'public') {
        // Swagger's own routes answer as it sees fit (its LICENSE route finds no file): never asking for a key.
        if ([401, 403].includes(response.status) || response.status >= 500) failures.push(`${route.name}: public, but ${response.status}`);
      } else if (response.status === 500) {
        failures.push(`${route.name}: 500 ${response.body.message}`);
      } else if (response.status !== 401 || response.body.code !== 'UNAUTHENTICATED' || response.headers['www-authenticate'] !== 'Bearer') {
        failures.push(`${route.name}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("lets each role's key through, or refuses it with 403 FORBIDDEN, exactly as the policy table says", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const policy = policyOf(route);
      if (policy === 'public') continue;
      for (const role of ROLES) {
        const response = await call(route, roleKeys.get(role));
        const allowed = policy.roles.includes(role);
        if (allowed && (response.status === 401 || response.status === 403 || response.status >= 500)) {
          failures.push(`${route.name} as ${role}: allowed, but ${response.status} ${JSON.stringify(response.body)}`);
        }
        if (!allowed && (response.status !== 403 || response.body.code !== 'FORBIDDEN')) {
          failures.push(`${route.name} as ${role}: refused, but ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses finance and auditor keys (403) on every route that is not a GET, except the what-if that changes nothing', async () => {
    const changing = routes.filter((route) => route.method !== 'GET' && policyOf(route) !== 'public');
    expect(changing.map((route) => route.name)).toContain(WHAT_IF);
    const failures: string[] = [];
    for (const route of changing) {
      for (const role of ['finance', 'auditor'] as const) {
        const status = (await call(route, roleKeys.get(role))).status;
        if ((route.name === WHAT_IF) !== (status !== 403)) failures.push(`${route.name} as ${role}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers an unknown, malformed, tampered or revoked key as if there were none', async () => {
    const revoked = await harness.createKey('specialist', [A]);
    await harness.delete(`/keys/${idOf(revoked)}`, BOOTSTRAP).expect(204);
    const real = roleKeys.get('finance')!;
    const tampered = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    const answers = [];
    for (const authorization of [`Bearer ${generateApiKey().key}`, 'Bearer nonsense', `Bearer ${tampered}`, `Bearer ${revoked}`, `Basic ${real}`]) {
      answers.push((await request(harness.server).get('/entries').set('Authorization', authorization)).body);
    }
    expect(answers).toEqual(Array(5).fill({ code: 'UNAUTHENTICATED', message: 'a valid API key is required: Authorization: Bearer <key>' }));
    await request(harness.server).get('/entries').set('Authorization', `bearer ${real}`).expect(200);
  });

  it('keeps keys and the audit trail to keys for every claimant, even admin and auditor keys', async () => {
    const adminOfA = await harness.createKey('admin', [A]);
    const auditorOfA = await harness.createKey('auditor', [A]);
    expect((await harness.get('/keys', adminOfA).expect(403)).body.message).toMatch(/every claimant/);
    await harness.post('/keys', adminOfA).send({ name: 'escalation', role: 'admin', claimants: ['*'] }).expect(403);
    await harness.get('/audit-events', auditorOfA).expect(403);
    await harness.get('/audit-events', roleKeys.get('auditor')).expect(200);
    // The auditor reads everything and changes nothing (interfaces.md): the keys too, never a secret.
    await harness.get('/keys', auditorOfA).expect(403);
    const listed = (await harness.get('/keys', roleKeys.get('auditor')).expect(200)).body as Array<Record<string, unknown>>;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((key) => !('key' in key) && !('secretHash' in key))).toBe(true);
    await harness.post('/keys', roleKeys.get('auditor')).send({ name: 'x', role: 'finance', claimants: [A] }).expect(403);
    // A restricted admin still reads rule data, as every role does.
    await harness.get('/rules', adminOfA).expect(200);
  });

  it('keeps loading rule data and retagging to admin keys for every claimant: rule data decides every claimant\'s duties', async () => {
    const adminOfA = await harness.createKey('admin', [A]);
    const loading = await harness.post('/rules', adminOfA).send({}).expect(403);
    expect(loading.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/every claimant/) });
    const retagging = await harness.post('/rules/retag', adminOfA).expect(403);
    expect(retagging.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/every claimant/) });
  });

  it('lists an unknown field of a key request together with every bad value (400 VALIDATION_FAILED), as POST /claims does', async () => {
    const refused = await harness.post('/keys', BOOTSTRAP).send({ name: '', role: 'root', claimants: ['bad claimant'], extra: true }).expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['extra', 'name', 'role', 'claimants']);
  });

  it('stored BOOTSTRAP_ADMIN_KEY at start as the admin key "bootstrap" for every claimant, and recorded it', async () => {
    const keys = (await harness.get('/keys', BOOTSTRAP).expect(200)).body as Array<Record<string, unknown>>;
    expect(keys).toContainEqual({
      id: idOf(BOOTSTRAP), name: 'bootstrap', role: 'admin', claimants: ['*'], createdAt: expect.any(String), revokedAt: null,
    });
    expect(keys.every((key) => !('key' in key) && !('secretHash' in key))).toBe(true);
    const events = (await harness.get(`/audit-events?subject=api_key:${idOf(BOOTSTRAP)}`, BOOTSTRAP).expect(200)).body;
    expect(events).toMatchObject({ items: [{ action: 'key.created', actor: 'api:BOOTSTRAP_ADMIN_KEY' }], nextAfter: null });
    // ISO 8601 in UTC, as every other time the API gives.
    expect(events.items[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it('makes a key shown once, lists it without its secret, revokes it, and records both in the audit trail', async () => {
    const refused = await harness.post('/keys', BOOTSTRAP).send({ name: ' ', role: 'boss', claimants: ['*', A] }).expect(422);
    expect(refused.body).toMatchObject({ code: 'KEY_REQUEST_INVALID' });
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['name', 'role', 'claimants']);
    const misspelt = await harness.post('/keys', BOOTSTRAP).send({ name: 'x', role: 'finance', claimant: [A] }).expect(400);
    expect(misspelt.body.details).toEqual([
      { field: 'claimant', message: 'is not a field (known: name, role, claimants)' },
      { field: 'claimants', message: 'claimants must name at least one importer number, or * for every claimant' },
    ]);

    const created = (await harness.post('/keys', BOOTSTRAP).send({ name: 'finance at A', role: 'finance', claimants: [A] }).expect(201)).body;
    expect(created).toMatchObject({ name: 'finance at A', role: 'finance', claimants: [A], revokedAt: null, key: expect.stringMatching(/^dbk_/) });
    expect(idOf(created.key)).toBe(created.id);
    await harness.get('/entries', created.key).expect(200);
    const listed = (await harness.get('/keys', BOOTSTRAP).expect(200)).body.find((key: { id: string }) => key.id === created.id);
    expect(listed).toEqual({ ...created, key: undefined });

    await harness.delete(`/keys/${created.id}`, BOOTSTRAP).expect(204);
    await harness.get('/entries', created.key).expect(401);
    await harness.delete(`/keys/${created.id}`, BOOTSTRAP).expect(204);
    await harness.delete('/keys/00000000-0000-4000-8000-000000000000', BOOTSTRAP).expect(404);
    const events = (await harness.get(`/audit-events?subject=api_key:${created.id}`, roleKeys.get('auditor')).expect(200)).body.items;
    expect(events.map((e: { action: string; actor: string }) => [e.action, e.actor]))
      .toEqual([['key.created', `key:${idOf(BOOTSTRAP)}`], ['key.revoked', `key:${idOf(BOOTSTRAP)}`]]);
    expect((await harness.get('/audit-events?limit=0&after=x', BOOTSTRAP).expect(400)).body.details.map((d: { field: string }) => d.field))
      .toEqual(['after', 'limit']);
  });

  it('sends security headers and keeps the OpenAPI page working', async () => {
    const health = await request(harness.server).get('/health').expect(200);
    expect(health.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    expect(health.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(health.headers['x-powered-by']).toBeUndefined();
    expect((await request(harness.server).get('/docs').expect(200)).text).toContain('swagger-ui-init.js');
    const document = (await request(harness.server).get('/docs-json').expect(200)).body;
    expect(document.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'dbk_<id>_<secret>' }) });
  });

  it('declares ErrorDto.details as what is sent: a list of { field, message }, or the { jobId } of QUEUE_UNAVAILABLE', async () => {
    const { schemas } = (await request(harness.server).get('/docs-json').expect(200)).body.components;
    expect(schemas.ErrorDto.properties.details.oneOf).toEqual([
      { type: 'array', items: { $ref: '#/components/schemas/FieldProblemDto' } },
      { $ref: '#/components/schemas/JobRecordedDetailsDto' },
    ]);
    expect(schemas.ErrorDto.properties.details.type).toBeUndefined();
    expect(schemas.ErrorDto.required).not.toContain('details');
    expect(schemas.FieldProblemDto).toMatchObject({ type: 'object', required: ['field', 'message'] });
    expect(schemas.JobRecordedDetailsDto).toMatchObject({ type: 'object', required: ['jobId'] });
    // What a validation error sends, as declared.
    const refused = await harness.post('/keys', BOOTSTRAP).send({ name: '', role: 'admin', claimants: ['*'] }).expect(422);
    expect(refused.body.details).toEqual([{ field: 'name', message: expect.any(String) }]);
  });

  it('documents at /docs the 401, 403 and 429 of every route that needs a key, and the 400 of paged lists and key requests', async () => {
    const document = (await request(harness.server).get('/docs-json').expect(200)).body;
    const undocumented: string[] = [];
    for (const route of routes) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (policyOf(route) === 'public' || !operation) continue;
      for (const status of ['401', '403', '429']) if (!operation.responses[status]) undocumented.push(`${route.name} ${status}`);
    }
    for (const path of ['/entries', '/exports', '/production-orders', '/claims']) {
      await harness.get(`${path}?limit=0`).expect(400);
      if (!document.paths[path].get.responses['400']) undocumented.push(`GET ${path} 400`);
    }
    await harness.post('/keys', BOOTSTRAP).send([]).expect(400);
    if (!document.paths['/keys'].post.responses['400']) undocumented.push('POST /keys 400');
    expect(undocumented).toEqual([]);
  });
});

describe('the rate limit, per key over every route', () => {
  const harness = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '3' });

  beforeAll(() => harness.startApi());
  afterAll(() => harness.stop());

  it('answers 429 RATE_LIMITED past RATE_LIMIT_PER_MINUTE requests of one key, other keys and /health unaffected', async () => {
    const other = await harness.createKey('finance', ['*']);
    await harness.get('/entries').expect(200);
    await harness.get('/rules').expect(200);
    await harness.get('/claims').expect(200);
    const limited = await harness.get('/entries').expect(429);
    expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^more than 3 requests a minute/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await harness.get('/entries', other).expect(200);
    for (let i = 0; i < 5; i += 1) await request(harness.server).get('/health').expect(200);
  });
});
