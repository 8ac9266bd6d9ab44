import { claimRequestProblems } from '@drawback/application';
import { parsePlainDate } from '@drawback/domain';
import { SUPPORTED_POLICY_CHOICES } from '@drawback/rules';
import { ClaimOptions } from './commands/claim.command';
import { OptionValues } from './command-line';

/**
 * Option values read before any data is read. Each reader adds what is wrong to `problems`, one line each,
 * and carries on, so that one run names every usage problem (interfaces.md: one message per problem).
 */
type Problems = string[];

const POLICY_KEYS = Object.keys(SUPPORTED_POLICY_CHOICES);

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readDate(option: string, text: string | undefined, problems: Problems): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parsePlainDate(text);
  if (parsed.ok) return parsed.value;
  problems.push(`--${option}: ${parsed.message}`);
  return undefined;
}

export const readAsOf = (text: string | undefined, problems: Problems) => readDate('as-of', text, problems) ?? today();

function readPolicy(pairs: string[] | undefined, problems: Problems): Record<string, string> {
  const policy: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    // Split at the first "=" only: the value is all that follows, so "k=v=w" is the bad value "v=w", never v.
    const separator = pair.indexOf('=');
    const [key, value] = separator < 0 ? [pair, ''] : [pair.slice(0, separator), pair.slice(separator + 1)];
    if (!POLICY_KEYS.includes(key)) {
      problems.push(`--policy ${pair}: ${key === '' ? 'no setting named' : `${key} is no policy setting`}; the settings are ${POLICY_KEYS.join(', ')}`);
    } else if (!value) {
      problems.push(`--policy ${pair}: give the setting a value, as ${key}=value`);
    } else if (key in policy && policy[key] !== value) {
      // Two values for one setting: the engine follows the setting, never a silent pick of one (rules §6).
      problems.push(`--policy ${key} is given twice: ${policy[key]} and ${value}`);
    } else {
      policy[key] = value;
    }
  }
  return policy;
}

/**
 * A what-if's policy: each value one the engine computes (rules §3.2, §6; the aggregate lesser-of is refused, not
 * guessed), checked before any data is read — a bad policy value is bad usage (README, exit codes), never computed
 * as some other setting.
 */
export function readWhatIfPolicy(pairs: string[] | undefined, problems: Problems): Record<string, string> {
  const policy = readPolicy(pairs, problems);
  for (const [key, value] of Object.entries(policy)) {
    const choices: readonly string[] = SUPPORTED_POLICY_CHOICES[key as keyof typeof SUPPORTED_POLICY_CHOICES];
    if (!choices.includes(value)) problems.push(`--policy ${key}=${value}: the values are ${choices.join(', ')}`);
  }
  return policy;
}

/** A claim's options, checked before any data is read: a bad provision, policy or range is bad usage. */
export function readClaimOptions(values: OptionValues, problems: Problems): ClaimOptions {
  const options = {
    provision: values.provision ?? '',
    exports: values.exports?.split(',').map((id) => id.trim()).filter(Boolean),
    from: readDate('from', values.from, problems),
    to: readDate('to', values.to, problems),
    asOf: readAsOf(values['as-of'], problems),
    policy: readPolicy(values.policy, problems),
    ...(values.claimant === undefined ? {} : { claimant: values.claimant }),
  };
  // A missing --provision is named by readCommandLine, not again here as a provision "".
  const request = values.provision === undefined ? { ...options, provision: 'a' } : options;
  problems.push(...claimRequestProblems(request));
  return options;
}
