import { Job } from 'bullmq';
import { attemptOf } from './job-attempt';

const delivery = (attemptsStarted: number, attemptsMade: number, attempts = 3) =>
  ({ attemptsStarted, attemptsMade, opts: { attempts } }) as unknown as Job;

describe(attemptOf.name, () => {
  it('is the first of three on a first delivery', () => {
    expect(attemptOf(delivery(1, 0))).toEqual({ attempt: 1, maxAttempts: 3 });
  });

  it('counts an attempt that died with its worker (a stall is a start, not a failure), keeping the retries BullMQ has left', () => {
    expect(attemptOf(delivery(2, 0))).toEqual({ attempt: 2, maxAttempts: 4 });
  });

  it('is the last attempt exactly when BullMQ will not retry after it', () => {
    const last = attemptOf(delivery(4, 2));
    expect(last.attempt).toBeGreaterThanOrEqual(last.maxAttempts);
    const notLast = attemptOf(delivery(4, 1));
    expect(notLast.attempt).toBeLessThan(notLast.maxAttempts);
  });
});
