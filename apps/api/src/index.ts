export * from './api-app';
export * from './api.module';
export * from './config/api-config';
export { ConfigError } from './config/env-reader';
