export * from './worker-app';
export * from './worker.module';
export * from './config/worker-config';
