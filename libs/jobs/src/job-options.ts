/**
 * How a job is retried (architecture-and-style.md, Jobs): infrastructure errors retry with exponential
 * backoff; data errors fail at once (the worker throws BullMQ's UnrecoverableError). Structurally a
 * BullMQ `JobsOptions`, kept free of bullmq so that this library stays plain.
 */
export interface TransportJobOptions {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number; count: number };
}

const DAY_SECONDS = 24 * 60 * 60;

export const DEFAULT_JOB_OPTIONS: Readonly<TransportJobOptions> = Object.freeze<TransportJobOptions>({
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  // PostgreSQL keeps the record; Redis only keeps recent jobs for inspection.
  removeOnComplete: { age: DAY_SECONDS, count: 1000 },
  removeOnFail: { age: 7 * DAY_SECONDS, count: 1000 },
});
