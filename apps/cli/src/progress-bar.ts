import { IngestProgress } from '@drawback/application';

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
