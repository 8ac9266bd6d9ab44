import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DESIGNATION_CASES, EXAMPLES, EXAMPLES_WRITTEN_OTHERWISE } from '../fixture-paths';
import { TEST_DATABASE_URL } from '../test-database';

const BIN = resolve(__dirname, '..', '..', 'apps', 'cli', 'bin', 'drawback.js');

interface ExpectedLine {
  exportId: string; exportLine: number; entryNumber: string; entryLine: number; program: string; heatNumber: string | null;
  status: string; reason: string; designated: string; base?: string | null; refund: string; possible: string;
  lotId?: string | null; method?: string; quantity?: string;
}
interface Expected {
  /** How the figures follow from the spec (read by people, not compared). */
  derivation?: string;
  provision: string; asOf: string; policy: Record<string, string>; totals: Record<string, string>;
  lines: ExpectedLine[]; unmatched?: Array<Record<string, unknown>>;
}

/** Figures compared when expected.json gives them (the worked examples leave out lot, method and quantity). */
const OPTIONAL_FIGURES = ['lotId', 'method', 'quantity'] as const;

/**
 * `drawback run FOLDER --provision P --as-of D --out OUT` must reproduce each expected.json — the totals
 * exactly, one estimate line for each expected line (and no other) with the same status, reason, designated,
 * base (where given), refund and possible, and lot, method and quantity where given; the unmatched rows exactly.
 */
function reproducesEveryExpectedEstimate(title: string, root: string) {
  describe(title, () => {
    jest.setTimeout(120_000);

    for (const name of readdirSync(root).sort()) {
      it(`${name}: the estimate matches expected.json`, () => {
        const folder = join(root, name);
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
        expect(estimate.lines).toHaveLength(expected.lines.length);
        for (const line of expected.lines) {
          const same = estimate.lines.filter((candidate: ExpectedLine) =>
            candidate.exportId === line.exportId && candidate.exportLine === line.exportLine && candidate.entryNumber === line.entryNumber &&
            candidate.entryLine === line.entryLine && candidate.program === line.program && candidate.heatNumber === line.heatNumber &&
            (line.lotId === undefined || candidate.lotId === line.lotId));
          expect(same).toHaveLength(1);
          const figures = [
            'status', 'reason', 'designated', 'refund', 'possible', ...(line.base !== undefined && line.base !== null ? ['base'] : []),
            ...OPTIONAL_FIGURES.filter((key) => line[key] !== undefined),
          ];
          const pick = (source: Record<string, unknown>) => Object.fromEntries(figures.map((key) => [key, source[key]]));
          expect(pick(same[0])).toEqual(pick(line as unknown as Record<string, unknown>));
        }
        if (expected.unmatched) expect(estimate.unmatched).toEqual(expected.unmatched);
      });
    }
  });
}

reproducesEveryExpectedEstimate('drawback run reproduces every worked example', EXAMPLES);
reproducesEveryExpectedEstimate('drawback run designates each hand-derived designation case as derived from the spec', DESIGNATION_CASES);
reproducesEveryExpectedEstimate(
  'drawback run reproduces every worked example written otherwise (columns, quoting, BOM, CRLF, spellings, row order; test/metamorphic)',
  EXAMPLES_WRITTEN_OTHERWISE);
