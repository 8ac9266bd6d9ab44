import type { QueueOptions } from 'bullmq';

/** BullMQ connection options from a Redis URL; the worker uses the same shape (with retries unlimited). */
export function queueOptions(redisUrl: string, prefix: string): QueueOptions {
  return { connection: { url: redisUrl }, prefix };
}
