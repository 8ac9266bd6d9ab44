import { QUEUES, QueueName } from './queues';

/** The job names, one switch per queue's processor. */
export const JOB_NAMES = {
  ingestDataSet: 'ingest-data-set',
  estimateClaim: 'estimate-claim',
  buildRecordPack: 'build-record-pack',
  retagAll: 'retag-all',
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** Which queue carries each job name. */
export const QUEUE_OF_JOB: Readonly<Record<JobName, QueueName>> = Object.freeze({
  [JOB_NAMES.ingestDataSet]: QUEUES.ingest,
  [JOB_NAMES.estimateClaim]: QUEUES.estimate,
  [JOB_NAMES.buildRecordPack]: QUEUES.recordPack,
  [JOB_NAMES.retagAll]: QUEUES.retag,
});
