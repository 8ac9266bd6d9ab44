/**
 * What travels through Redis: ids only. Everything else (the upload folder, the claim) is read from the
 * job's row in PostgreSQL, so a payload never goes stale and never carries data.
 */
export interface JobPayload {
  jobId: string;
}

export type IngestJobPayload = JobPayload;

/**
 * A retag carries no input of its own: it recomputes the recoverability view with the rule version
 * active when it runs, so a retag queued before another version was loaded applies the newer one.
 */
export type RetagJobPayload = JobPayload;

/** The claim to estimate is in the job's row (`payload.claimId`); the estimate is keyed by claim and rule version. */
export type EstimateJobPayload = JobPayload;

/** The claim whose record pack to build is in the job's row; the pack file is named by the claim. */
export type RecordPackJobPayload = JobPayload;

export function isJobPayload(value: unknown): value is JobPayload {
  return typeof value === 'object' && value !== null && typeof (value as JobPayload).jobId === 'string'
    && (value as JobPayload).jobId.length > 0;
}
