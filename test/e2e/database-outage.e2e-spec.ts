import request from 'supertest';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';
import { Relay } from './pg-relay';

jest.setTimeout(JOB_TIMEOUT_MS);

describe('the API while PostgreSQL is unreachable', () => {
  const relay = new Relay();
  let harness: ApiHarness;

  beforeAll(async () => {
    await relay.up();
    harness = new ApiHarness({ DATABASE_URL: relay.databaseUrl });
    await harness.startApi();
  });

  afterAll(async () => {
    await relay.up();
    await harness?.stop();
    await relay.down();
  });

  it('answers 503 SERVICE_UNAVAILABLE (not 500 INTERNAL_ERROR) and /health names the database down, then recovers', async () => {
    await harness.get('/entries').expect(200);
    await relay.down();
    const health = await request(harness.server).get('/health').expect(503);
    expect(health.body).toEqual({ status: 'down', checks: { database: 'down', redis: 'up' } });
    const refused = await harness.get('/entries');
    expect({ status: refused.status, body: refused.body })
      .toEqual({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; try again later' } });
    await relay.up();
    await harness.get('/entries').expect(200);
  });
});
