import { QueueName } from './queues';

/**
 * The BullMQ job id of a job row: deterministic, so enqueueing the same job twice (a retried request, a
 * re-enqueue at worker start) is a no-op in Redis. BullMQ reserves `:` in ids, hence `-`.
 */
export function transportJobId(queue: QueueName, jobId: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(jobId)) throw new Error(`job id "${jobId}" may hold only letters, digits and "-"`);
  return `${queue}-${jobId}`;
}
