import { ApiError } from '../http/api-error';
import { Caller } from './caller.decorator';

/** The claimant a request acts for, or why the one it named (or did not name) cannot be. */
export type ClaimantChoice = { claimant: string | undefined; problem?: undefined } | { claimant?: undefined; problem: string };

/**
 * The claimant a request acts for (a data set brought, a claim made): the one asked for, which must be one
 * of the key's claimants; else the key's claimant when it has exactly one; else, for a key for every
 * claimant, none (the data set or the first entry tells). A key with several claimants must name one.
 */
export function claimantChoice(caller: Caller, requested: unknown): ClaimantChoice {
  const asked = typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : undefined;
  if (requested !== undefined && requested !== null && asked === undefined) return { problem: 'must be an importer number' };
  if (caller.claimants === null) return { claimant: asked };
  if (asked !== undefined) {
    if (caller.claimants.includes(asked)) return { claimant: asked };
    return { problem: `${asked} is not one of this key's claimants (${caller.claimants.join(', ')})` };
  }
  if (caller.claimants.length === 1) return { claimant: caller.claimants[0] };
  return { problem: `this key is for several claimants: name one of ${caller.claimants.join(', ')}` };
}

/** The claimant a request acts for; 422 CLAIMANT_INVALID when it cannot be told. */
export function chooseClaimant(caller: Caller, requested: unknown): string | undefined {
  const choice = claimantChoice(caller, requested);
  if (choice.problem !== undefined) throw claimantInvalid(choice.problem);
  return choice.claimant;
}

export function claimantInvalid(problem: string): ApiError {
  return new ApiError('CLAIMANT_INVALID', `claimant: ${problem}`, [{ field: 'claimant', message: problem }]);
}
