import { ApiError } from '../http/api-error';
import { Caller } from './caller.decorator';

/**
 * The claimant a request acts for (a data set brought, a claim made): the one asked for, which must be one
 * of the key's claimants; else the key's claimant when it has exactly one; else, for a key for every
 * claimant, none (the data set or the first entry tells). A key with several claimants must name one.
 */
export function chooseClaimant(caller: Caller, requested: unknown): string | undefined {
  const asked = typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : undefined;
  if (requested !== undefined && requested !== null && asked === undefined) throw invalid('must be an importer number');
  if (caller.claimants === null) return asked;
  if (asked !== undefined) {
    if (caller.claimants.includes(asked)) return asked;
    throw invalid(`${asked} is not one of this key's claimants (${caller.claimants.join(', ')})`);
  }
  if (caller.claimants.length === 1) return caller.claimants[0];
  throw invalid(`this key is for several claimants: name one of ${caller.claimants.join(', ')}`);
}

function invalid(message: string): ApiError {
  return new ApiError('CLAIMANT_INVALID', `claimant: ${message}`, [{ field: 'claimant', message }]);
}
