export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
