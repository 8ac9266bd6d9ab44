import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import request from 'supertest';
import { ApiKeyService } from '@drawback/application';
import type { ApiRole } from '@drawback/persistence';
import { createApiApp, readApiConfig } from '../../apps/api/src';
import { createWorkerApp, readWorkerConfig } from '../../apps/worker/src';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-database';

export type Server = Parameters<typeof request>[0];

export const JOB_TIMEOUT_MS = 30_000;

/**
 * The API and a worker in-process, on the test database and a queue prefix of their own. Every request
 * needs an API key: the harness makes an admin key for every claimant at start, which its request helpers
 * send, and makes other keys on demand.
 */
export class ApiHarness {
  // A queue prefix of its own, so that parallel runs on one Redis never take each other's jobs.
  readonly queuePrefix = `e2e-${randomUUID()}`;
  readonly workDir = mkdtempSync(join(tmpdir(), 'drawback-e2e-'));
  readonly env: Record<string, string>;
  api!: INestApplication;
  worker: INestApplicationContext | null = null;
  /** An admin key for every claimant, made at start. */
  adminKey = '';

  /** `env` adds to or overrides the test environment (e.g. RATE_LIMIT_PER_MINUTE). */
  constructor(env: Record<string, string> = {}) {
    this.env = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      UPLOAD_DIR: join(this.workDir, 'uploads'),
      PACK_DIR: join(this.workDir, 'packs'),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: this.queuePrefix,
      // The suites poll jobs many times a second; the rate limit has a suite of its own.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    };
  }

  get server(): Server {
    return this.api.getHttpServer();
  }

  async start(): Promise<void> {
    await this.startApi();
    await this.startWorker();
  }

  /** The API alone, and its admin key. */
  async startApi(): Promise<void> {
    this.api = await createApiApp(readApiConfig(this.env, this.workDir));
    this.adminKey = await this.createKey('admin', ['*'], 'e2e admin');
  }

  /** A new key (through the application service, as the command line would make it); returns the key itself. */
  async createKey(role: ApiRole, claimants: string[], name = `e2e ${role} ${claimants.join(',')}`): Promise<string> {
    return (await this.api.get(ApiKeyService).create({ name, role, claimants }, 'test:e2e')).secret;
  }

  /** Requests with a key: the harness's admin key unless another is given. */
  get(path: string, key = this.adminKey): request.Test {
    return request(this.server).get(path).set('Authorization', `Bearer ${key}`);
  }

  post(path: string, key = this.adminKey): request.Test {
    return request(this.server).post(path).set('Authorization', `Bearer ${key}`);
  }

  delete(path: string, key = this.adminKey): request.Test {
    return request(this.server).delete(path).set('Authorization', `Bearer ${key}`);
  }

  async startWorker(): Promise<void> {
    this.worker = await createWorkerApp(readWorkerConfig(this.env));
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }

  async stop(): Promise<void> {
    // The worker first: it may still be writing through connections the API shares the database with.
    await this.stopWorker();
    await this.api?.close();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${this.queuePrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Every CSV file of a folder, attached as the multipart field `files`. */
  uploadFolder(folder: string, key = this.adminKey): request.Test {
    let upload = this.post('/datasets', key);
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.csv')).sort()) {
      upload = upload.attach('files', join(folder, name));
    }
    return upload;
  }

  /** Polls GET /jobs/{id} until the job has completed or failed. */
  async waitForJob(jobId: string, key = this.adminKey): Promise<Record<string, unknown>> {
    const deadline = Date.now() + JOB_TIMEOUT_MS;
    for (;;) {
      const response = await this.get(`/jobs/${jobId}`, key).expect(200);
      if (response.body.state === 'completed' || response.body.state === 'failed') return response.body;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${response.body.state} after ${JOB_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
