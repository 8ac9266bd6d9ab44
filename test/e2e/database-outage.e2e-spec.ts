import { AddressInfo, connect, createServer, Server as TcpServer, Socket } from 'node:net';
import request from 'supertest';
import { TEST_DATABASE_URL } from '../test-database';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';

jest.setTimeout(JOB_TIMEOUT_MS);

/** A TCP relay to PostgreSQL that can be taken down (every connection cut, none taken) and brought back. */
class Relay {
  private server: TcpServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly target = new URL(TEST_DATABASE_URL);
  port = 0;

  async up(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  get databaseUrl(): string {
    const url = new URL(TEST_DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }
}

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
