/**
 * What a long piece of work is doing now ("designating 40,000 export lines"), for a person watching:
 * the command line shows it on a terminal (interfaces.md: long work shows progress there).
 */
export type PhaseListener = (phase: string) => void;

export const NO_PHASES: PhaseListener = () => undefined;

/** A count as a person reads it: 40000 → "40,000". */
export const counted = (n: number, thing: string) => `${n.toLocaleString('en-US')} ${thing}${n === 1 ? '' : 's'}`;
