/**
 * Claim creation takes this lock so designations are computed on a ledger nobody else is changing; whatever
 * changes what a claim reads — deleting a claim, committing an ingest — takes it too, so the claim's reads,
 * several statements, all see one state of the data.
 */
export const DESIGNATION_LOCK = 1_313_001;
