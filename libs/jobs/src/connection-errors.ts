/** While Redis is down its clients retry many times a second: one line per queue this often, not a stack trace per retry. */
export const CONNECTION_ERROR_LOG_INTERVAL_MS = 30_000;

/** A BullMQ queue or worker: what it is called and its error event. */
export interface ErrorEmitter {
  name: string;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Logs a queue's or worker's connection errors one line at a time, at most every CONNECTION_ERROR_LOG_INTERVAL_MS
 * (/health says whether Redis is up). Without a listener BullMQ prints each error's stack: a hundred in ten seconds.
 */
export function logConnectionErrorsQuietly(emitter: ErrorEmitter, warn: (message: string) => void, now = Date.now): void {
  let lastLogged = -Infinity;
  emitter.on('error', (error: Error) => {
    if (now() - lastLogged < CONNECTION_ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now();
    warn(`Redis: ${error.message} (retrying; repeats are not logged for ${CONNECTION_ERROR_LOG_INTERVAL_MS / 1000} s)`);
  });
}
