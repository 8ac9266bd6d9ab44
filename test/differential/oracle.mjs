// Independent oracle for designation, amounts and time limits (matching-and-estimates.md §2–§4, §6).
// Written from the spec text only. Computes, for one data set folder, provision and as-of date, the
// estimate's `lines` (designation fields and designated/base per bucket), `unmatched` and totals.designated.
// Status, reason, refund per bucket are NOT computed (recoverability is out of scope).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Decimal = require('decimal.js').clone({ precision: 60, rounding: 4 /* ROUND_HALF_UP */ });
export { Decimal };

/** Rule data (rules §1): 8-digit subheadings whose description begins with "Other". */
export const OTHER_SUBHEADINGS = ['84145965', '85011040'];

export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}

function readSet(dir) {
  const read = (name) => (existsSync(join(dir, name)) ? parseCsv(readFileSync(join(dir, name), 'utf8')) : []);
  return { entries: read('entries.csv'), duties: read('duties.csv'), lots: read('lots.csv'), production: read('production.csv'), exports: read('exports.csv') };
}

const digits = (s) => s.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
/** XXX-NNNNNNN-C */
export function formatEntry(s) { const d = digits(s); return `${d.slice(0, 3)}-${d.slice(3, 10)}-${d.slice(10)}`; }
const hts = (s) => s.replace(/\./g, '');

/** §4: same month and day five years later (Feb 29 → Feb 28). */
export function plus5Years(date) {
  const [y, m, d] = date.split('-').map(Number);
  const ny = y + 5;
  const leap = (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${ny}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const cents = (d) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
/** num / den (both ≥ 0, exact) rounded half-up to cents, decided on the exact fraction. */
function fractionCents(num, den) {
  const n = num.times(100);
  let f = n.div(den).floor();
  while (f.plus(1).times(den).lte(n)) f = f.plus(1);
  while (f.times(den).gt(n)) f = f.minus(1);
  if (n.minus(f.times(den)).times(2).gte(den)) f = f.plus(1);
  return f.div(100).toFixed(2);
}
const cmpText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function oracle(dir, provision, asOf) {
  const set = readSet(dir);
  // Import lines.
  const lines = new Map(); // key entry/line
  const entryLines = new Map(); // entry -> [line keys]
  set.entries.forEach((r) => {
    const entry = formatEntry(r.entry_number);
    const key = `${entry}/${Number(r.line_number)}`;
    lines.set(key, {
      key, entry, line: Number(r.line_number), importDate: r.import_date, hts: hts(r.hts), uom: r.uom,
      quantity: new Decimal(r.quantity), enteredValue: new Decimal(r.entered_value), used: new Decimal(0), buckets: [],
    });
    if (!entryLines.has(entry)) entryLines.set(entry, []);
    entryLines.get(entry).push(key);
  });
  // Duty buckets; entry-level MPF/HMF apportioned by relative entered value (rules §2).
  for (const d of set.duties) {
    const entry = formatEntry(d.entry_number);
    const bucket = { program: d.program, heading: d.heading === '' ? null : hts(d.heading) };
    if (d.line_number === '') {
      const keys = entryLines.get(entry);
      const total = keys.reduce((s, k) => s.plus(lines.get(k).enteredValue), new Decimal(0));
      for (const k of keys) {
        const share = lines.get(k).enteredValue.div(total).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
        lines.get(k).buckets.push({ ...bucket, amount: cents(new Decimal(d.amount).times(share)) });
      }
    } else {
      lines.get(`${entry}/${Number(d.line_number)}`).buckets.push({ ...bucket, amount: new Decimal(d.amount) });
    }
  }
  // Receipts, in lots.csv order.
  const receipts = set.lots.map((r, idx) => ({
    idx, line: lines.get(`${formatEntry(r.entry_number)}/${Number(r.line_number)}`), lot: r.lot_id,
    heat: r.heat_number === '' ? null : r.heat_number, quantity: new Decimal(r.quantity), used: new Decimal(0),
  }));
  const receiptsOfLot = new Map();
  for (const r of receipts) { if (!receiptsOfLot.has(r.lot)) receiptsOfLot.set(r.lot, []); receiptsOfLot.get(r.lot).push(r); }
  // Production orders.
  const orders = new Map();
  for (const p of set.production) {
    if (!orders.has(p.production_order)) orders.set(p.production_order, { id: p.production_order, date: p.production_date, inputs: [], output: null, used: new Decimal(0) });
    const o = orders.get(p.production_order);
    const row = { lot: p.lot_id, heat: p.heat_number === '' ? null : p.heat_number, quantity: new Decimal(p.quantity), uom: p.uom };
    if (p.role === 'output') o.output = row; else o.inputs.push(row);
  }
  // The spec gives the order of production.csv's rows no meaning; inputs of one order that draw on one lot
  // meet in its receipts. The engine traces an order's inputs heat-narrowed first, then by lot and heat
  // (designate.ts, inputOrder): the same here, so that row order changes neither side.
  for (const o of orders.values()) {
    o.inputs.sort((a, b) => ((a.heat === null) !== (b.heat === null) ? (a.heat === null ? 1 : -1) : cmpText(a.lot, b.lot) || cmpText(a.heat ?? '', b.heat ?? '')));
  }
  const producers = new Map();
  for (const o of orders.values()) { if (!producers.has(o.output.lot)) producers.set(o.output.lot, []); producers.get(o.output.lot).push(o); }
  for (const list of producers.values()) list.sort((a, b) => cmpText(a.date, b.date) || cmpText(a.id, b.id));

  const exports = set.exports.map((e) => ({
    id: e.export_id, line: Number(e.line_number), date: e.export_date, action: e.action, destination: e.destination_country,
    hts: hts(e.hts), lot: e.lot_id === '' ? null : e.lot_id, heat: e.heat_number === '' ? null : e.heat_number,
    quantity: new Decimal(e.quantity), uom: e.uom, value: new Decimal(e.value),
  })).sort((a, b) => cmpText(a.date, b.date) || cmpText(a.id, b.id) || a.line - b.line);

  const designations = [];
  const unmatched = [];
  const available = (r) => Decimal.min(r.quantity.minus(r.used), r.line.quantity.minus(r.line.used));
  const orderRank = (r) => [r.line.importDate, r.line.entry, r.line.line, r.idx];
  const byReceiptOrder = (a, b) => {
    const x = orderRank(a), y = orderRank(b);
    return cmpText(x[0], y[0]) || cmpText(x[1], y[1]) || x[2] - y[2] || x[3] - y[3];
  };

  for (const ex of exports) {
    let reason = null; // first reason met
    const meet = (r) => { if (reason === null) reason = r; };
    let covered = new Decimal(0);
    const designate = (importLine, receipt, quantity, method, trace) => {
      importLine.used = importLine.used.plus(quantity);
      if (receipt) receipt.used = receipt.used.plus(quantity);
      designations.push({ ex, importLine, receipt, quantity, method, trace });
    };

    /** Designate up to `need` (in the import line's unit) from the receipts of a lot; returns the quantity taken. */
    const fromReceipts = (lot, heat, need, uom, consumerDate, trace) => {
      let candidates = receiptsOfLot.get(lot) ?? [];
      if (heat !== null) candidates = candidates.filter((r) => r.heat === heat);
      if (candidates.length === 0) { meet('LOT_NOT_FOUND'); return new Decimal(0); }
      const importLines = new Set(candidates.map((r) => r.line.key));
      const method = importLines.size > 1 ? 'fifo' : heat !== null ? 'heat' : 'lot';
      let taken = new Decimal(0);
      for (const r of [...candidates].sort(byReceiptOrder)) {
        if (taken.gte(need)) break;
        if (r.line.uom !== uom) { meet('UOM_MISMATCH'); continue; }
        if (consumerDate !== null && r.line.importDate > consumerDate) { meet('TRACE_DATES_INCONSISTENT'); continue; }
        if (ex.date > plus5Years(r.line.importDate)) { meet('EXPORT_AFTER_5_YEARS'); continue; }
        if (ex.date < r.line.importDate) { meet('EXPORT_BEFORE_IMPORT'); continue; }
        const q = Decimal.min(available(r), need.minus(taken));
        if (q.lte(0)) continue;
        designate(r.line, r, q, method, trace);
        taken = taken.plus(q);
      }
      return taken;
    };

    /** Trace `need` of a lot (in `uom`), consumed on `consumerDate` (null: the export itself). Returns the traced quantity. */
    const traceLot = (lot, heat, need, uom, consumerDate, trace) => {
      const producing = producers.get(lot);
      if (!producing) {
        if (!receiptsOfLot.has(lot)) { meet('LOT_NOT_FOUND'); return new Decimal(0); }
        return fromReceipts(lot, heat, need, uom, consumerDate, trace);
      }
      let left = need;
      let traced = new Decimal(0);
      for (const o of producing) {
        if (left.lte(0)) break;
        if (o.output.uom !== uom) { meet('UOM_MISMATCH'); continue; }
        if (o.date > ex.date || (consumerDate !== null && o.date > consumerDate)) { meet('TRACE_DATES_INCONSISTENT'); continue; }
        const take = Decimal.min(left, o.output.quantity.minus(o.used));
        if (take.lte(0)) continue;
        o.used = o.used.plus(take);
        let worst = new Decimal(1);
        for (const input of o.inputs) {
          const needIn = take.times(input.quantity).div(o.output.quantity);
          const got = traceLot(input.lot, input.heat, needIn, input.uom, o.date, [...trace, o.id]);
          worst = Decimal.min(worst, got.div(needIn));
        }
        traced = traced.plus(take.times(worst));
        left = left.minus(take);
      }
      return traced;
    };

    const direct = ['a', 'c', 'j1'].includes(provision);
    if (direct) {
      if (ex.lot === null) meet('NO_LOT_ON_EXPORT');
      else if (producers.has(ex.lot)) {
        if (provision !== 'a') meet('MANUFACTURED_NOT_UNUSED');
        else covered = traceLot(ex.lot, null, ex.quantity, ex.uom, null, []);
      } else if (!receiptsOfLot.has(ex.lot)) meet('LOT_NOT_FOUND');
      else covered = fromReceipts(ex.lot, ex.heat, ex.quantity, ex.uom, null, []);
    } else if (provision === 'j2' && ex.action === 'exported' && ['CA', 'MX'].includes(ex.destination)) {
      meet('J2_USMCA_DESTINATION');
    } else {
      const sameDigits = (l) => {
        if (l.hts.slice(0, 8) !== ex.hts.slice(0, 8)) return false;
        if (provision === 'j2' && OTHER_SUBHEADINGS.includes(l.hts.slice(0, 8))) return l.hts === ex.hts;
        return true;
      };
      const candidates = [...lines.values()].filter(sameDigits)
        .sort((a, b) => cmpText(a.importDate, b.importDate) || cmpText(a.entry, b.entry) || a.line - b.line);
      if (candidates.length === 0) meet('NO_SUBSTITUTE_IMPORT');
      for (const l of candidates) {
        if (covered.gte(ex.quantity)) break;
        if (l.uom !== ex.uom) { meet('UOM_MISMATCH'); continue; }
        if (ex.date > plus5Years(l.importDate)) { meet('EXPORT_AFTER_5_YEARS'); continue; }
        if (ex.date < l.importDate) { meet('EXPORT_BEFORE_IMPORT'); continue; }
        const q = Decimal.min(l.quantity.minus(l.used), ex.quantity.minus(covered));
        if (q.lte(0)) continue;
        designate(l, null, q, 'substitution', []);
        covered = covered.plus(q);
      }
    }
    const left = ex.quantity.minus(covered);
    if (left.gt('1e-20')) unmatched.push({ exportId: ex.id, exportLine: ex.line, quantity: left, reason: reason ?? 'QUANTITY_EXHAUSTED' });
  }

  // §3, §6: one estimate line per designation and bucket.
  const out = [];
  for (const d of designations) {
    for (const b of d.importLine.buckets) {
      const amount = b.amount.times(d.quantity).div(d.importLine.quantity);
      let designated = fractionCents(b.amount.times(d.quantity), d.importLine.quantity);
      let base = null; // direct identification: base reported as null (shared/examples)
      let baseText = null;
      if (d.method === 'substitution') {
        // ratio = (export value / export quantity) ÷ (entered value / import quantity) = (ev × iq) / (eq × iv)
        const rn = d.ex.value.times(d.importLine.quantity), rd = d.ex.quantity.times(d.importLine.enteredValue);
        if (rn.gte(rd)) { base = amount; baseText = designated; }
        else { base = amount.times(rn).div(rd); baseText = fractionCents(b.amount.times(d.quantity).times(rn), d.importLine.quantity.times(rd)); }
      }
      if (d.quantity.decimalPlaces() > 30) { designated = cents(amount).toFixed(2); if (base !== null) baseText = cents(base).toFixed(2); }
      // Within a hair of a half cent the result depends on how a non-terminating traced quantity (1/6) is
      // written in finitely many digits: flagged, and compared loosely (see README).
      const nearHalf = (x) => x !== null && d.quantity.decimalPlaces() > 30 && x.times(100).mod(1).minus(0.5).abs().lt('1e-15');
      out.push({
        nearHalf: nearHalf(amount) || nearHalf(base),
        exportId: d.ex.id, exportLine: d.ex.line, entryNumber: d.importLine.entry, entryLine: d.importLine.line,
        lotId: d.receipt ? d.receipt.lot : null, heatNumber: d.receipt ? d.receipt.heat : null, method: d.method,
        quantity: d.quantity, program: b.program, heading: b.heading, designated, base: baseText,
      });
    }
  }
  const totalDesignated = out.reduce((s, l) => s.plus(l.designated), new Decimal(0)).toFixed(2);
  return { lines: out, unmatched, totals: { designated: totalDesignated } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, provision, asOf] = process.argv.slice(2);
  const r = oracle(dir, provision, asOf);
  console.log(JSON.stringify(r, (k, v) => (v instanceof Decimal ? v.toString() : v), 2));
}
