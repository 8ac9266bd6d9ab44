import { JOB_NAMES, QUEUE_OF_JOB } from './job-names';
import { QUEUES } from './queues';
import { transportJobId } from './job-ids';
import { transportJob } from './transport-job';

describe(transportJobId.name, () => {
  it('is the queue and the job id joined by "-", the same every time, without ":"', () => {
    const id = transportJobId(QUEUES.ingest, '0b6f3c1e-55a4-4c0e-9d59-0e0f9a7c2f11');
    expect(id).toBe('ingest-0b6f3c1e-55a4-4c0e-9d59-0e0f9a7c2f11');
    expect(transportJobId(QUEUES.ingest, '0b6f3c1e-55a4-4c0e-9d59-0e0f9a7c2f11')).toBe(id);
    expect(id).not.toContain(':');
  });

  it('gives each retag request its own id, so that a retag asked for after another one finished still runs', () => {
    expect(transportJobId(QUEUES.retag, '5d2c7a0e-1b1f-4a55-9a0e-3f0c2b9d8e71')).toBe('retag-5d2c7a0e-1b1f-4a55-9a0e-3f0c2b9d8e71');
    expect(transportJob({ id: '5d2c7a0e-1b1f-4a55-9a0e-3f0c2b9d8e71', queue: QUEUES.retag, name: JOB_NAMES.retagAll }))
      .toMatchObject({ name: 'retag-all', data: { jobId: '5d2c7a0e-1b1f-4a55-9a0e-3f0c2b9d8e71' } });
    expect(QUEUE_OF_JOB[JOB_NAMES.retagAll]).toBe(QUEUES.retag);
  });

  it('refuses a job id that could break the Redis key', () => {
    expect(() => transportJobId(QUEUES.recordPack, 'a:b')).toThrow(/letters, digits/);
    expect(() => transportJobId(QUEUES.estimate, '')).toThrow();
  });
});

describe(transportJob.name, () => {
  it('carries the job id only, under the deterministic id, with retries and backoff', () => {
    const job = { id: '0b6f3c1e-55a4-4c0e-9d59-0e0f9a7c2f11', queue: 'ingest', name: 'ingest-data-set' };
    expect(transportJob(job)).toEqual({
      name: 'ingest-data-set',
      data: { jobId: job.id },
      opts: expect.objectContaining({ jobId: `ingest-${job.id}`, attempts: 3, backoff: { type: 'exponential', delay: 2000 } }),
    });
  });

  it('refuses a queue that does not exist', () => {
    expect(() => transportJob({ id: 'x', queue: 'nope', name: 'n' })).toThrow(/unknown queue/);
  });
});
