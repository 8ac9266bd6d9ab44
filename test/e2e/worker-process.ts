import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { IngestService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-database';
import { ApiHarness } from './api-harness';

export const REPO = join(__dirname, '..', '..');
const WORKER_MAIN = join(REPO, 'apps', 'worker', 'dist', 'main.js');
const READY = /processing queues with prefix/;
const START_TIMEOUT_MS = 30_000;

let built = false;

/** The worker runs from its build: bring every project's dist up to date once per test file. */
export function buildOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: REPO, stdio: 'pipe' });
  built = true;
}

/** `node apps/worker/dist/main.js` as a separate process, as in production: it can be killed for real. */
export class WorkerProcess {
  private output = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exit = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  }

  /** Starts a worker and waits until its processors take jobs. */
  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: REPO,
      // Only what the worker is given here: never the environment of whoever runs the tests.
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!READY.test(worker.output)) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the worker did not start (exit ${child.exitCode}):\n${worker.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return worker;
  }

  get log(): string {
    return this.output;
  }

  /**
   * Waits until the log holds `text`. A job's row is settled in PostgreSQL before the worker logs it, and the
   * child's stdout reaches this process later still: a test that saw the row must wait for the line.
   */
  async logged(text: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (Date.now() > deadline) throw new Error(`the worker never logged "${text}":\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGKILL: no shutdown hook runs, the job in hand stays active in Redis with a lock nobody renews. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exit;
  }

  /** SIGTERM: the graceful shutdown; resolves with how the process ended. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }
}

/**
 * The API in-process (to submit and poll jobs) with workers as child processes, all on the test database
 * and a queue prefix of their own. Lock and stall timings are short so a killed worker's job is taken
 * again within seconds.
 */
export class ChildWorkerHarness extends ApiHarness {
  private readonly workers: WorkerProcess[] = [];

  workerEnv(extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.env, LOG_LEVEL: 'log', JOB_LOCK_DURATION_MS: '2000', JOB_STALLED_INTERVAL_MS: '500', ...extra };
  }

  override async start(): Promise<void> {
    buildOnce();
    await this.startApi();
  }

  async startWorkerProcess(extra: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start(this.workerEnv(extra));
    this.workers.push(worker);
    return worker;
  }

  override async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.kill()));
    await super.stop();
  }

  /** A job's row as GET /jobs/:id gives it (PostgreSQL's record), for polling. */
  jobRow(jobId: string): () => Promise<{ state: string; attempts: number; error: string | null }> {
    return async () => (await this.get(`/jobs/${jobId}`).expect(200)).body;
  }

  /** The BullMQ state of a job (Redis, the transport): active means a worker holds its lock. */
  async transportState(queueName: string, jobId: string): Promise<string> {
    const queue = new Queue(queueName, { connection: { url: TEST_REDIS_URL }, prefix: this.queuePrefix });
    try {
      return await queue.getJobState(`${queueName}-${jobId}`);
    } finally {
      await queue.close();
    }
  }
}

/** Polls until `check` holds, or fails with what it last saw. */
export async function eventually<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The starting point of the worker fault tests: a clean test database holding example ex3, the API of the
 * harness started, and one claim over EXP-3 to estimate. The caller destroys the DataSource.
 */
export async function startWithEx3Claim(harness: ChildWorkerHarness): Promise<{ dataSource: DataSource; claimId: string }> {
  const dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
  await resetData(dataSource);
  await dataSource.query(`TRUNCATE job`);
  await new IngestService(dataSource).ingest([example('ex3-a-heat-trace-11021')]);
  await harness.start();
  const claimId = (await harness.post('/claims').send({ provision: 'a', exports: ['EXP-3'], asOf: '2026-11-22' }).expect(201)).body.id;
  return { dataSource, claimId };
}
