// Differential run: generate data sets, run the engine (`drawback run`) and the oracle, report differences.
// usage: node test/differential/compare.mjs [--from N] [--count N] [--provisions a,b,c,j1,j2] [--verify K] [--keep]
// Needs DATABASE_URL (a scratch database) for fast engine runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { oracle, Decimal } from './oracle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(here, '..', '..', 'apps', 'cli', 'bin', 'drawback.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const from = Number(opt('from', 1));
const count = Number(opt('count', 50));
const provisions = opt('provisions', 'a,b,c,j1,j2').split(',');
const verifyEvery = Number(opt('verify', 0));
const keep = args.includes('--keep');
const AS_OF = ['2026-11-22', '2025-02-28', '2025-03-01', '2029-02-28', '2031-01-05'];

const q = (s) => new Decimal(s).toDecimalPlaces(9).toString();
const key = (l, loose) => [l.exportId, l.exportLine, l.entryNumber, l.entryLine, l.lotId, l.heatNumber, l.method, q(l.quantity), l.program, l.program === 's301' ? String(l.heading).replace(/\D/g, '') : '-', loose ? '≈' : l.designated, loose ? '≈' : l.base].join(' | ');
const ukey = (u) => [u.exportId, u.exportLine, q(u.quantity), u.reason].join(' | ');

function multisetDiff(a, b) {
  const count = new Map();
  for (const k of a) count.set(k, (count.get(k) ?? 0) + 1);
  for (const k of b) count.set(k, (count.get(k) ?? 0) - 1);
  return { onlyEngine: [...count].filter(([, n]) => n > 0).map(([k]) => k), onlyOracle: [...count].filter(([, n]) => n < 0).map(([k]) => k) };
}

let boundary = 0, runs = 0, invalid = 0, differing = 0, verified = 0, verifyFailures = 0;
const root = mkdtempSync(join(tmpdir(), 'drawback-diff-'));
for (let seed = from; seed < from + count; seed++) {
  const dir = generate(seed, join(root, `seed-${seed}`));
  const check = spawnSync(process.execPath, [BIN, 'check', dir], { encoding: 'utf8' });
  if (check.status !== 0) { invalid++; if (args.includes('--show-invalid')) console.log(`seed ${seed} invalid:\n${check.stdout}${check.stderr}`); continue; }
  const asOf = AS_OF[seed % AS_OF.length];
  for (const provision of provisions) {
    const out = join(root, `out-${seed}-${provision}`);
    const run = spawnSync(process.execPath, [BIN, 'run', dir, '--provision', provision, '--as-of', asOf, '--out', out], { encoding: 'utf8' });
    runs++;
    if (run.status !== 0) { differing++; console.log(`seed ${seed} ${provision}: engine exit ${run.status}\n${run.stdout}${run.stderr}`); continue; }
    const engine = JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8'));
    const mine = oracle(dir, provision, asOf);
    // A line whose exact amount is a half cent through a non-terminating traced quantity is compared without
    // its cents (the spec's finite "at least 12 significant places" decides them); the total may then differ by a cent each.
    const loose = new Set(mine.lines.filter((l) => l.nearHalf).map((l) => key(l, true)));
    const lines = multisetDiff(engine.lines.map((l) => key(l, loose.has(key(l, true)))), mine.lines.map((l) => key(l, l.nearHalf)));
    boundary += mine.lines.filter((l) => l.nearHalf).length;
    const unmatched = multisetDiff(engine.unmatched.map(ukey), mine.unmatched.map(ukey));
    const totalsDiffer = new Decimal(engine.totals.designated).minus(mine.totals.designated).abs().gt(new Decimal('0.01').times(loose.size ? mine.lines.filter((l) => l.nearHalf).length : 0));
    // §6: lines sorted by export id, export line, entry number, entry line, program, heading.
    const sortKey = (l) => [l.exportId, l.exportLine, l.entryNumber, l.entryLine, l.program, l.heading ?? ''];
    const outOfOrder = engine.lines.findIndex((l, i) => i > 0 && (() => {
      const a = sortKey(engine.lines[i - 1]), b = sortKey(l);
      for (let k = 0; k < a.length; k++) { if (a[k] < b[k]) return false; if (a[k] > b[k]) return true; }
      return false;
    })());
    if (outOfOrder >= 0) { differing++; console.log(`seed ${seed} ${provision}: estimate line ${outOfOrder} out of §6 order`); }
    if (lines.onlyEngine.length || lines.onlyOracle.length || unmatched.onlyEngine.length || unmatched.onlyOracle.length || totalsDiffer) {
      differing++;
      console.log(`\n### seed ${seed} provision ${provision} as-of ${asOf}  (${dir})`);
      for (const k of lines.onlyEngine) console.log(`  engine line: ${k}`);
      for (const k of lines.onlyOracle) console.log(`  oracle line: ${k}`);
      for (const k of unmatched.onlyEngine) console.log(`  engine unmatched: ${k}`);
      for (const k of unmatched.onlyOracle) console.log(`  oracle unmatched: ${k}`);
      if (totalsDiffer) console.log(`  totals.designated engine ${engine.totals.designated} oracle ${mine.totals.designated}`);
    }
    if (verifyEvery && seed % verifyEvery === 0) {
      const v = spawnSync(process.execPath, [BIN, 'verify', join(out, 'record-pack.zip'), '--data', dir], { encoding: 'utf8' });
      verified++;
      if (v.status !== 0) { verifyFailures++; console.log(`seed ${seed} ${provision}: verify exit ${v.status}\n${v.stdout}${v.stderr}`); }
    }
    if (!keep) rmSync(out, { recursive: true, force: true });
  }
}
console.log(`\n${boundary} half-cent boundary lines compared loosely; ${runs} runs, ${differing} differing, ${invalid} invalid data sets skipped, ${verified} packs verified (${verifyFailures} failed); data under ${root}`);
writeFileSync(join(root, 'summary.txt'), `${runs} ${differing} ${invalid}\n`);
