#!/usr/bin/env node
// Differential test: the engine (`drawback run`) against oracle.mjs on random data sets.
// usage: DATABASE_URL=postgres://… node test/differential-rules/run.mjs [--seeds FROM:TO] [--out DIR] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import { generate } from './generate.mjs';
import { oracle } from './oracle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const [from, to] = opt('--seeds', '1:20').split(':').map(Number);
const outDir = resolve(opt('--out', '/tmp/differential-rules'));
const keep = args.includes('--keep');
const cli = join(root, 'apps/cli/bin/drawback.js');

const RUNS = {
  direct: ['a', 'c', 'j1'].flatMap((provision) => ['lot_or_heat', 'any_direct_id'].map((v) => ({ provision, policy: { s232_identification: v, s232_substitution: 'excluded' } }))),
  subst: ['b', 'j2'].flatMap((provision) => ['excluded', 'allowed'].map((v) => ({ provision, policy: { s232_identification: 'lot_or_heat', s232_substitution: v } }))),
};

const num = (x) => (x === null || x === undefined ? null : new Decimal(x).toString());
const norm = (h) => (h === null || h === undefined ? null : h.replace(/\./g, ''));
const lineKey = (l) => [l.exportId, l.exportLine, l.entryNumber, l.entryLine, l.lotId, l.heatNumber, l.program, norm(l.heading), l.designated].join('|');
const FIELDS = ['method', 'quantity', 'base', 'status', 'reason', 'rule', 'refund', 'possible'];

function compare(engine, expected) {
  const diffs = [];
  const pool = new Map();
  for (const l of engine.lines) { const k = lineKey(l); pool.set(k, [...(pool.get(k) ?? []), l]); }
  for (const o of expected.lines) {
    const k = lineKey(o);
    const e = pool.get(k)?.shift();
    if (!e) { diffs.push({ kind: 'line missing in engine', expected: o }); continue; }
    const fields = FIELDS.filter((f) => (f === 'quantity' ? num(e[f]) !== num(o[f]) : e[f] !== o[f]));
    if (fields.length) diffs.push({ kind: 'line differs', key: k, fields: Object.fromEntries(fields.map((f) => [f, { engine: e[f], oracle: o[f] instanceof Decimal ? o[f].toString() : o[f] }])) });
  }
  for (const rest of pool.values()) for (const e of rest) diffs.push({ kind: 'extra engine line', engine: e });
  if (JSON.stringify(engine.totals) !== JSON.stringify(expected.totals)) diffs.push({ kind: 'totals', engine: engine.totals, oracle: expected.totals });
  const byP = (xs) => JSON.stringify([...xs].sort((a, b) => (a.program < b.program ? -1 : 1)));
  if (byP(engine.byProgram) !== byP(expected.byProgram)) diffs.push({ kind: 'byProgram', engine: engine.byProgram, oracle: expected.byProgram });
  const um = (xs) => JSON.stringify(xs.map((u) => [u.exportId, u.exportLine, num(u.quantity), u.reason]).sort());
  if (um(engine.unmatched) !== um(expected.unmatched)) diffs.push({ kind: 'unmatched', engine: engine.unmatched, oracle: expected.unmatched.map((u) => ({ ...u, quantity: u.quantity.toString() })) });
  const policy = { ...expected.policy, lesser_of: 'per_bucket' };
  if (JSON.stringify(Object.entries(engine.policy).sort()) !== JSON.stringify(Object.entries(policy).sort())) diffs.push({ kind: 'policy', engine: engine.policy, oracle: policy });
  if (engine.claim.provision !== expected.provision || engine.claim.asOf !== expected.asOf) diffs.push({ kind: 'claim', engine: engine.claim });
  const ev = [...engine.rules.unverified].sort();
  if (JSON.stringify(ev) !== JSON.stringify(expected.unverified)) diffs.push({ kind: 'unverified', engine: ev, oracle: expected.unverified });
  // lines sorted by export id, export line, entry number, entry line, program, heading (§6)
  const sortKey = (l) => [l.exportId, String(l.exportLine).padStart(6, '0'), l.entryNumber, String(l.entryLine).padStart(6, '0'), l.program, l.heading ?? ''];
  for (let i = 1; i < engine.lines.length; i++) {
    const a = sortKey(engine.lines[i - 1]); const b = sortKey(engine.lines[i]);
    const c = a.findIndex((x, j) => x !== b[j]);
    if (c >= 0 && a[c] > b[c]) { diffs.push({ kind: 'line order', at: i }); break; }
  }
  return diffs;
}

let runs = 0;
let failing = 0;
const summary = {};
mkdirSync(outDir, { recursive: true });
for (let seed = from; seed <= to; seed++) {
  for (const family of ['direct', 'subst']) {
    const dir = join(outDir, `seed-${seed}-${family}`);
    rmSync(dir, { recursive: true, force: true });
    const { asOf } = generate(seed, family, join(dir, 'data'));
    const check = JSON.parse(execFileSync('node', [cli, 'check', join(dir, 'data'), '--json'], { encoding: 'utf8' }));
    if (check.errors.length) { console.error(`seed ${seed} ${family}: invalid data`, check.errors); process.exitCode = 1; continue; }
    for (const { provision, policy } of RUNS[family]) {
      const tag = `${provision}-${policy.s232_identification}-${policy.s232_substitution}`;
      const out = join(dir, tag);
      execFileSync('node', [cli, 'run', join(dir, 'data'), '--provision', provision, '--as-of', asOf, ...Object.entries(policy).flatMap(([k, v]) => ['--policy', `${k}=${v}`]), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
      const engine = JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8'));
      const expected = oracle(join(dir, 'data'), { provision, asOf, policy });
      const diffs = compare(engine, { ...expected, provision, asOf, policy });
      runs++;
      if (diffs.length) {
        failing++;
        writeFileSync(join(out, 'diffs.json'), JSON.stringify(diffs, null, 2));
        for (const d of diffs) {
          const k = d.kind === 'line differs' ? `${d.kind}: ${Object.entries(d.fields).map(([f, v]) => `${f} ${v.oracle}→${v.engine}`).join(', ')}` : d.kind;
          (summary[k] ??= []).push(`${dir}/${tag}`);
        }
      } else if (!keep) rmSync(out, { recursive: true, force: true });
    }
  }
}
for (const [k, where] of Object.entries(summary).sort()) console.log(`${where.length}× ${k}\n    e.g. ${where[0]}`);
console.log(`${runs} runs, ${failing} with differences`);
if (failing) process.exitCode = 1;
