import { setTimeout as sleep } from 'node:timers/promises';
import { IngestAttempt } from '@drawback/application';
import { Job } from 'bullmq';

/**
 * Which attempt a delivery is, for the job's row. BullMQ counts failures in `attemptsMade`; an attempt that
 * died with its worker (the job stalled and was put back) is no failure, but `attemptsStarted` counts it, and
 * the row must show it. Whether this is the last attempt stays BullMQ's rule: no retry is left after it.
 */
export function attemptOf(job: Job): IngestAttempt {
  const attempt = Math.max(job.attemptsStarted, job.attemptsMade + 1);
  const retriesLeft = Math.max((job.opts.attempts ?? 1) - (job.attemptsMade + 1), 0);
  return { attempt, maxAttempts: attempt + retriesLeft };
}

/** The test-only pause of DRAWBACK_TEST_JOB_DELAY_MS; nothing at all when it is 0. */
export function testDelay(ms: number): { beforeWrite?: () => Promise<void> } {
  return ms > 0 ? { beforeWrite: () => sleep(ms) } : {};
}
