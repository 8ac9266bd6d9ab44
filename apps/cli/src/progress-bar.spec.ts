import { phaseReporter } from './progress-bar';

/** A stream that records what is written to it, a terminal or not. */
function stream(isTTY: boolean): { written: string[] } & NodeJS.WriteStream {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) > 0 } as unknown as { written: string[] } & NodeJS.WriteStream;
}

describe(phaseReporter.name, () => {
  it('shows on a terminal what is being done and for how long, each phase over the last, and clears the line at the end', () => {
    const terminal = stream(true);
    let clock = 1_000;
    const phases = phaseReporter(terminal, () => clock);
    phases.update('designating imports for 40,000 export lines');
    clock += 12_345;
    phases.update('storing 40,000 designations in the ledger');
    phases.done();
    expect(terminal.written.map((text) => text.trimEnd())).toEqual([
      '\rdesignating imports for 40,000 export lines… (0.0 s)',
      '\rstoring 40,000 designations in the ledger… (12.3 s)',
      '',
    ]);
    expect(terminal.written[2]).toBe(`\r${' '.repeat(79)}\r`);
    expect(terminal.written.every((text) => text.length <= 81)).toBe(true);
  });

  it('stays quiet in a pipe', () => {
    const pipe = stream(false);
    const phases = phaseReporter(pipe);
    phases.update('writing summary.html');
    phases.done();
    expect(pipe.written).toEqual([]);
  });
});
