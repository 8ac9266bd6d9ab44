import { IngestProgress, PhaseListener } from '@drawback/application';

/**
 * Long work shows a progress bar on a terminal and stays quiet in a pipe (interfaces.md).
 * Redraws at most ten times a second.
 */
export function progressReporter(stream: NodeJS.WriteStream): { update: (p: IngestProgress) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = false;
  const update = (progress: IngestProgress) => {
    const now = Date.now();
    if (now - last < 100 && progress.phase === 'reading') return;
    last = now;
    const width = 30;
    const fraction = progress.bytesTotal > 0 ? Math.min(1, progress.bytesRead / progress.bytesTotal) : 1;
    const filled = Math.round(fraction * width);
    const label = progress.phase === 'reading' ? `reading ${progress.file ?? ''}` : progress.phase;
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${label}`.padEnd(80));
    drawn = true;
  };
  const done = () => {
    if (drawn) stream.write(`\r${' '.repeat(80)}\r`);
  };
  return { update, done };
}

/**
 * Work measured in steps rather than bytes (designating, deciding, writing a pack): on a terminal, one
 * line saying what is being done and for how long so far, replaced by the next; nothing in a pipe.
 */
export function phaseReporter(stream: NodeJS.WriteStream, now: () => number = Date.now): { update: (phase: string) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = now();
  let drawn = false;
  const update = (phase: string) => {
    const seconds = ((now() - started) / 1000).toFixed(1);
    stream.write(`\r${`${phase}… (${seconds} s)`.slice(0, 79).padEnd(79)}`);
    drawn = true;
  };
  const done = () => {
    if (drawn) stream.write(`\r${' '.repeat(79)}\r`);
    drawn = false;
  };
  return { update, done };
}

/** Runs long work with its phases shown on `stream` (a terminal), the line cleared when it ends. */
export async function showingPhases<T>(stream: NodeJS.WriteStream, work: (onPhase: PhaseListener) => Promise<T>): Promise<T> {
  const phases = phaseReporter(stream);
  try {
    return await work(phases.update);
  } finally {
    phases.done();
  }
}
