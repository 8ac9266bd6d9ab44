export * from './api-key.store';
