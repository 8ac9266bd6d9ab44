import { performance } from 'node:perf_hooks';
import { IngestProgress } from '@drawback/application';

/**
 * Times the ingest's phases from its progress reports — reading (CSV parse, row checks and COPY into
 * staging, per file), checking (the set-based checks), storing (merge, commit and what follows) —
 * and reports each as it ends, so a long run shows where it is.
 */
export class PhaseClock {
  private current: string | null = null;
  private since = 0;

  constructor(private readonly onLap: (phase: string, seconds: number) => void) {}

  readonly onProgress = (progress: IngestProgress): void => {
    const name = progress.file ? `${progress.phase} ${progress.file}` : progress.phase;
    if (name === this.current) return;
    this.lap();
    this.current = name;
  };

  start(): void {
    this.since = performance.now();
  }

  /** Closes the phase under way. */
  finish(): void {
    this.lap();
    this.current = null;
  }

  private lap(): void {
    const now = performance.now();
    if (this.current !== null) this.onLap(this.current, (now - this.since) / 1000);
    this.since = now;
  }
}
