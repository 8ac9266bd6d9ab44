/** The BullMQ queues (interfaces.md, Jobs). Redis carries them; PostgreSQL keeps the record of each job. */
export const QUEUES = {
  ingest: 'ingest',
  estimate: 'estimate',
  recordPack: 'record-pack',
  retag: 'retag',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}
