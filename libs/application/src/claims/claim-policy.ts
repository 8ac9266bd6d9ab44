import { PolicySettings } from '@drawback/rules';

export class ClaimRequestError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const ALLOWED: Record<keyof PolicySettings, string[]> = {
  s232_identification: ['lot_or_heat', 'any_direct_id'],
  s232_substitution: ['excluded', 'allowed'],
  // The aggregate lesser-of is an open question (rules §6) the engine does not decide yet: refused, not guessed.
  lesser_of: ['per_bucket'],
};

/** The claim's policy: the rule version's defaults with the requested settings, each one checked. */
export function resolvePolicy(defaults: PolicySettings, requested: Record<string, string>): PolicySettings {
  const problems: string[] = [];
  const policy: Record<string, string> = { ...defaults };
  for (const [key, value] of Object.entries(requested)) {
    const allowed = ALLOWED[key as keyof PolicySettings];
    if (!allowed) problems.push(`policy ${key}: unknown setting (known: ${Object.keys(ALLOWED).join(', ')})`);
    else if (!allowed.includes(value)) problems.push(`policy ${key}=${value}: supported values are ${allowed.join(', ')}`);
    else policy[key] = value;
  }
  if (problems.length) throw new ClaimRequestError(problems);
  return policy as PolicySettings;
}
