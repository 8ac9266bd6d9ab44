import { DataSource } from 'typeorm';

/** The database answers a query (for `/health`). */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}

/** Socket errors of a connection that could not be made or was lost. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** SQLSTATEs of a server that cannot serve: class 08 (connection exception), shutting down, starting up. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3])$/;
/** What pg and its pool say of a connection lost or never made. */
const CONNECTION_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * The error says the database could not be reached (not that a query was wrong): the caller may try again
 * later. TypeORM wraps driver errors (`driverError`); pg passes socket errors on as they are.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 3; depth += 1) {
    const { code, message, driverError } = cause as { code?: unknown; message?: unknown; driverError?: unknown };
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGE.test(message)) return true;
    cause = driverError;
  }
  return false;
}
