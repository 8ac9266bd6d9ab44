import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXAMPLES } from '../fixture-paths';
import { TEST_DATABASE_URL } from '../test-database';

const BIN = resolve(__dirname, '..', '..', 'apps', 'cli', 'bin', 'drawback.js');

interface ExpectedLine {
  exportId: string; exportLine: number; entryNumber: string; entryLine: number; program: string; heatNumber: string | null;
  status: string; reason: string; designated: string; base?: string | null; refund: string; possible: string;
}
interface Expected {
  provision: string; asOf: string; policy: Record<string, string>; totals: Record<string, string>;
  lines: ExpectedLine[]; unmatched?: Array<Record<string, unknown>>;
}

/**
 * The worked examples (copies of shared/examples in test/fixtures): `drawback run FOLDER --provision P
 * --as-of D --out OUT` must reproduce each expected.json — the totals exactly, and for each expected line
 * one estimate line with the same status, reason, designated, base (where given), refund and possible.
 */
describe('drawback run reproduces every worked example', () => {
  jest.setTimeout(120_000);

  for (const name of readdirSync(EXAMPLES).sort()) {
    it(`${name}: the estimate matches expected.json`, () => {
      const folder = join(EXAMPLES, name);
      const expected: Expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'));
      const out = mkdtempSync(join(tmpdir(), `drawback-${name}-`));
      const policy = Object.entries(expected.policy).flatMap(([key, value]) => ['--policy', `${key}=${value}`]);
      const run = spawnSync(process.execPath, [BIN, 'run', folder, '--provision', expected.provision, '--as-of', expected.asOf, ...policy, '--out', out],
        { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL }, encoding: 'utf8' });
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.status).toBe(0);

      const estimate = JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8'));
      expect(estimate.totals).toEqual(expected.totals);
      expect(estimate.claim).toMatchObject({ provision: expected.provision, asOf: expected.asOf });
      for (const line of expected.lines) {
        const same = estimate.lines.filter((candidate: ExpectedLine) =>
          candidate.exportId === line.exportId && candidate.exportLine === line.exportLine && candidate.entryNumber === line.entryNumber &&
          candidate.entryLine === line.entryLine && candidate.program === line.program && candidate.heatNumber === line.heatNumber);
        expect(same).toHaveLength(1);
        const figures = ['status', 'reason', 'designated', 'refund', 'possible', ...(line.base !== undefined && line.base !== null ? ['base'] : [])];
        const pick = (source: Record<string, unknown>) => Object.fromEntries(figures.map((key) => [key, source[key]]));
        expect(pick(same[0])).toEqual(pick(line as unknown as Record<string, unknown>));
      }
      if (expected.unmatched) expect(estimate.unmatched).toEqual(expected.unmatched);
    });
  }
});
