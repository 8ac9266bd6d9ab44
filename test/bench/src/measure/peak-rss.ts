import { readFileSync, writeFileSync } from 'node:fs';

const SAMPLE_MS = 50;
const MB = 1024 * 1024;

/** The kernel's high-water mark of this process's resident set (VmHWM), in bytes; null off Linux. */
function residentHighWaterMark(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Peak resident memory of this process from now on. The kernel's VmHWM sees every peak, however short;
 * it is reset first (writing 5 to clear_refs) so the data generation before does not count. Sampling
 * rss every 50 ms backs it up where /proc is missing or the reset is not allowed.
 */
export function watchPeakRss(): { stopMb(): number } {
  let hwmReset = false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwmReset = true;
  } catch {
    // Not Linux, or not permitted: the sampled peak is used.
  }
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, SAMPLE_MS);
  timer.unref();
  return {
    stopMb: () => {
      clearInterval(timer);
      sampled = Math.max(sampled, process.memoryUsage().rss);
      const hwm = hwmReset ? residentHighWaterMark() : null;
      return Math.max(sampled, hwm ?? 0) / MB;
    },
  };
}
