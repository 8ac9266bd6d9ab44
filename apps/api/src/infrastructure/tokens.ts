/** Injection tokens of what the API is built from. */
export const API_CONFIG = Symbol('API_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const REDIS_HEALTH = Symbol('REDIS_HEALTH');
