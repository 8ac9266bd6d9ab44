import { DEFAULT_JOB_OPTIONS, TransportJobOptions } from './job-options';
import { JobPayload } from './job-payload';
import { transportJobId } from './job-ids';
import { isQueueName } from './queues';

/** What goes on the queue for a recorded job: its name, its id as payload, a deterministic transport id. */
export interface TransportJob {
  name: string;
  data: JobPayload;
  opts: TransportJobOptions & { jobId: string };
}

export function transportJob(job: { id: string; queue: string; name: string }): TransportJob {
  if (!isQueueName(job.queue)) throw new Error(`job ${job.id} names an unknown queue "${job.queue}"`);
  return { name: job.name, data: { jobId: job.id }, opts: { ...DEFAULT_JOB_OPTIONS, jobId: transportJobId(job.queue, job.id) } };
}
