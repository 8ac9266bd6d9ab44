import { PolicySettings, PROVISIONS, SUPPORTED_POLICY_CHOICES } from '@drawback/rules';

export class ClaimRequestError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

// The aggregate lesser-of is an open question (rules §6) the engine does not decide yet: refused, not guessed.
const ALLOWED: Record<keyof PolicySettings, readonly string[]> = SUPPORTED_POLICY_CHOICES;

/** What is wrong with a claim's provision, policy settings and date range, before any data is read. */
export function claimRequestProblems(request: { provision: string; policy?: Record<string, string>; from?: string; to?: string }): string[] {
  const problems: string[] = [];
  if (!(PROVISIONS as readonly string[]).includes(request.provision)) {
    problems.push(`provision "${request.provision}" is not one of ${PROVISIONS.join(', ')}`);
  }
  for (const [key, value] of Object.entries(request.policy ?? {})) {
    const allowed = ALLOWED[key as keyof PolicySettings];
    if (!allowed) problems.push(`policy ${key}: unknown setting (known: ${Object.keys(ALLOWED).join(', ')})`);
    else if (!allowed.includes(value)) problems.push(`policy ${key}=${value}: supported values are ${allowed.join(', ')}`);
  }
  if (request.from && request.to && request.from > request.to) problems.push(`the date range ${request.from} to ${request.to} is empty`);
  return problems;
}

/**
 * The claim's policy: the rule version's defaults with the requested settings, each one checked — the
 * defaults too, so that a rule version defaulting to a value the engine does not support is refused,
 * never reported as applied while another is computed.
 */
export function resolvePolicy(defaults: PolicySettings, requested: Record<string, string>): PolicySettings {
  const unrequested = Object.fromEntries(Object.entries(defaults).filter(([key]) => !(key in requested)));
  const problems = [
    ...claimRequestProblems({ provision: PROVISIONS[0], policy: requested }),
    // A value nobody asked for is the rule data's default: said so, not blamed on a setting never given.
    ...claimRequestProblems({ provision: PROVISIONS[0], policy: unrequested }).map((problem) => `the active rule data's default ${problem}`),
  ];
  if (problems.length) throw new ClaimRequestError(problems);
  return { ...defaults, ...requested } as PolicySettings;
}
