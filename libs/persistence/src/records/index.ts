import { JobRecord } from './job.record';

export { JobRecord };
export type { JobState } from './job.record';

/** Every TypeORM record; they never leave this library. */
export const RECORDS = [JobRecord];
