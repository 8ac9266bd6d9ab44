export * from './queues';
export * from './job-names';
export * from './job-payload';
export * from './job-ids';
export * from './job-options';
export * from './transport-job';
export * from './connection-errors';
export * from './redis-url';
