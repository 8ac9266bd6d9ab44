import type { JobState } from '../records';

export type { JobState };

/** A job as the rest of the system sees it: a plain object, timestamps as ISO strings. */
export interface Job {
  id: string;
  queue: string;
  name: string;
  /** What the job works on (an upload folder, a claim id); Redis only ever carries the job id. */
  payload: Record<string, unknown>;
  state: JobState;
  attempts: number;
  progress: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  error: string | null;
  /** The API key that asked for it, or null. */
  apiKeyId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  queue: string;
  name: string;
  payload: Record<string, unknown>;
  apiKeyId?: string | null;
}
