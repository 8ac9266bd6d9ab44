export * from './claimant-scope';
export * from './page';
export * from './entries.read';
export * from './exports.read';
export * from './production-orders.read';
export * from './ingest-runs.read';
export * from './database-health';
