// Seeded generator of small, valid data sets (input-formats.md) that probe designation, amounts and time limits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { rng } from '../seeded-random.mjs';

const letterValue = (c) => {
  const code = c.charCodeAt(0) - 65;
  if (code < 9) return code + 1; // A–I
  if (code < 18) return code - 8; // J–R
  return code - 16; // S–Z = 2–9
};
/** Entry number with its mod-10 check digit (input-formats.md). */
export function entryNumber(filer, serial) {
  const body = `${filer}${String(serial).padStart(7, '0')}`;
  let sum = 0;
  [...body].forEach((c, i) => {
    let v = /[0-9]/.test(c) ? Number(c) : letterValue(c);
    if (i % 2 === 1) { v *= 2; v = Math.floor(v / 10) + (v % 10); }
    sum += v;
  });
  return `${body.slice(0, 3)}-${body.slice(3)}-${(10 - (sum % 10)) % 10}`;
}

const pad = (n) => String(n).padStart(2, '0');
export function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
function plusYears(date, years) {
  const [y, m, d] = date.split('-').map(Number);
  const ny = y + years;
  const leap = (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0;
  return `${ny}-${pad(m)}-${pad(m === 2 && d === 29 && !leap ? 28 : d)}`;
}

/** A quantity with up to 6 decimals, > 0. */
function qty(r, lo, hi) {
  const places = r.pick([0, 0, 0, 1, 2, 3, 6]);
  const n = lo + r.next() * (hi - lo);
  const s = n.toFixed(places);
  return Number(s) > 0 ? s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : '1';
}
const money = (r, lo, hi) => (lo + r.next() * (hi - lo)).toFixed(2);

const HTS = ['8479899499', '8479899450', '8479899460', '8414596595', '8414596590', '8501104020', '8501104060', '7308909590', '7308909560'];

export function generate(seed, dir) {
  const r = rng(seed);
  const heavy = seed >= 5000; // seeds from 5000: more orders and exports competing for the same lots
  mkdirSync(dir, { recursive: true });
  const anchor = r.pick(['2020-02-29', '2021-03-15', '2024-02-29', '2022-07-01', '2025-06-10', '2026-01-05']);
  const nEntries = r.int(2, 8);
  const entries = [], duties = [], lots = [], production = [], exports = [];
  const importLines = [];
  const filers = ['RVX', 'ABC', 'QZT', 'M1K'];
  for (let e = 0; e < nEntries; e++) {
    const number = entryNumber(r.pick(filers.slice(0, 3)), r.int(1, 9999999));
    if (entries.some((x) => x.entry_number === number)) continue;
    const importDate = r.chance(0.4) ? anchor : addDays(anchor, r.int(-400, 400));
    const entryDate = r.chance(0.8) ? importDate : addDays(importDate, r.int(1, 10));
    const nLines = r.int(1, 4);
    for (let l = 1; l <= nLines; l++) {
      const uom = r.chance(0.75) ? 'KG' : 'NO';
      const quantity = qty(r, 1, 1000);
      const line = { entry_number: number, entry_type: '01', importer_number: '12-3456789AB', import_date: importDate, entry_date: entryDate, port_code: '3901', line_number: String(r.chance(0.15) ? l * 5 : l), hts: r.pick(HTS), description: 'imported article', country_of_origin: r.pick(['CN', 'DE', 'VN']), entered_value: money(r, 100, 50000), quantity, uom };
      entries.push(line);
      importLines.push(line);
      duties.push({ entry_number: number, line_number: line.line_number, program: 'ordinary', heading: '', amount: r.chance(0.05) ? '0.00' : money(r, 1, 5000) });
      if (r.chance(0.1)) duties.push({ entry_number: number, line_number: line.line_number, program: r.pick(['mpf', 'hmf']), heading: '', amount: money(r, 1, 300) });
      if (r.chance(0.5)) duties.push({ entry_number: number, line_number: line.line_number, program: 's301', heading: r.pick(['9903.88.01', '9903.88.03', '9903.91.01']), amount: money(r, 1, 9000) });
    }
    if (r.chance(0.35)) duties.push({ entry_number: number, line_number: '', program: 'mpf', heading: '', amount: money(r, 30, 650) });
    if (r.chance(0.1)) duties.push({ entry_number: number, line_number: '', program: 'hmf', heading: '', amount: money(r, 1, 90) });
  }
  // Receipts: lots with one line, commingled lots, heats.
  const lotIds = heavy ? ['L-A', 'L-B', 'L-C'] : ['L-A', 'L-B', 'L-C', 'L-D', 'L-E'];
  const heats = ['H1', 'H2', 'H3', 'H4'];
  const receiptLots = new Set();
  const heatsOf = new Map();
  for (const line of importLines) {
    if (r.chance(0.15)) continue;
    let left = Number(line.quantity);
    const n = r.int(1, 3);
    const used = new Set();
    for (let k = 0; k < n && left > 0.01; k++) {
      const lot = r.pick(lotIds);
      const heat = r.chance(0.4) ? r.pick(heats) : '';
      if (used.has(`${lot}|${heat}`)) continue;
      used.add(`${lot}|${heat}`);
      let q = k === n - 1 && r.chance(0.5) ? left : Number(qty(r, 0.5, left));
      if (q > left) q = left;
      const qs = String(Number(q.toFixed(6)));
      if (Number(qs) <= 0) continue;
      left = Number((left - Number(qs)).toFixed(6));
      lots.push({ entry_number: line.entry_number, line_number: line.line_number, lot_id: lot, heat_number: heat, quantity: qs });
      receiptLots.add(lot);
      if (heat) { if (!heatsOf.has(lot)) heatsOf.set(lot, new Set()); heatsOf.get(lot).add(heat); }
    }
  }
  const uomOfLot = (lot) => {
    const rec = lots.find((x) => x.lot_id === lot);
    return rec ? importLines.find((l) => l.entry_number === rec.entry_number && l.line_number === rec.line_number).uom : 'KG';
  };
  // Production up to 3 levels.
  const produced = []; // {lot, uom, level}
  const nOrders = r.chance(heavy ? 0.05 : 0.3) ? 0 : r.int(1, heavy ? 10 : 6);
  for (let o = 1; o <= nOrders; o++) {
    const level = r.int(1, 3);
    const lower = produced.filter((p) => p.level < level);
    const outLot = r.chance(0.3) && produced.some((p) => p.level === level) ? r.pick(produced.filter((p) => p.level === level)).lot
      : r.chance(0.05) && receiptLots.size ? r.pick([...receiptLots]) : `${level === 3 ? 'FG' : level === 2 ? 'SUB' : 'INT'}-${o}`;
    const prior = produced.find((p) => p.lot === outLot);
    const outUom = prior && r.chance(0.8) ? prior.uom : r.pick(['NO', 'NO', 'KG']);
    const date = addDays(anchor, r.int(-30, 500));
    const id = `PO-${String(o).padStart(2, '0')}`;
    const nInputs = r.int(1, 3);
    const usedKeys = new Set();
    const inputs = [];
    for (let k = 0; k < nInputs; k++) {
      let lot;
      if (lower.length && r.chance(0.5)) lot = r.pick(lower).lot;
      else if (receiptLots.size) lot = r.pick([...receiptLots]);
      else continue;
      if (lot === outLot) continue;
      const heat = heatsOf.has(lot) && r.chance(0.5) ? r.pick([...heatsOf.get(lot), ...(r.chance(0.1) ? ['H9'] : [])]) : '';
      if (usedKeys.has(`${lot}|${heat}`)) continue;
      usedKeys.add(`${lot}|${heat}`);
      const src = produced.find((p) => p.lot === lot);
      const natural = src ? src.uom : uomOfLot(lot);
      const uom = r.chance(0.9) ? natural : natural === 'KG' ? 'NO' : 'KG';
      inputs.push({ production_order: id, production_date: date, role: 'input', lot_id: lot, heat_number: heat, quantity: qty(r, 1, 300), uom, hts: '' });
    }
    if (!inputs.length) continue;
    // Avoid cycles: an output lot that is an input (directly) of this order was excluded above; levels keep the rest acyclic,
    // except a receipt lot reused as output, which must not be an input of any lower order.
    production.push(...inputs);
    production.push({ production_order: id, production_date: date, role: 'output', lot_id: outLot, heat_number: '', quantity: qty(r, 1, 100), uom: outUom, hts: r.pick(HTS) });
    if (!prior) produced.push({ lot: outLot, uom: outUom, level });
  }
  // Exports.
  const nExports = r.int(1, heavy ? 8 : 4);
  for (let x = 1; x <= nExports; x++) {
    const id = `X${r.chance(0.2) ? x * 10 : x}`;
    const date = r.chance(0.3) ? plusYears(anchor, 5) : r.chance(0.2) ? addDays(plusYears(anchor, 5), r.int(-3, 3)) : addDays(anchor, r.int(-60, 900));
    const nLines = r.int(1, 3);
    for (let l = 1; l <= nLines; l++) {
      const kind = r.next();
      let lot = '', uom = r.pick(['KG', 'KG', 'NO']), heat = '';
      if (kind < 0.35 && receiptLots.size) { lot = r.pick([...receiptLots]); if (r.chance(0.8)) uom = uomOfLot(lot); if (heatsOf.has(lot) && r.chance(0.4)) heat = r.pick([...heatsOf.get(lot), 'H9']); }
      else if (kind < 0.75 && produced.length) { const p = r.pick(produced); lot = p.lot; if (r.chance(0.85)) uom = p.uom; if (r.chance(0.1)) heat = 'H1'; }
      else if (kind < 0.8) lot = 'L-UNKNOWN';
      const action = r.chance(0.85) ? 'exported' : 'destroyed';
      const line = importLines.length && r.chance(0.7) ? r.pick(importLines) : null;
      exports.push({ export_id: id, line_number: String(r.chance(0.2) ? l * 5 : l), export_date: date, action, exporter: 'Acme LLC', destination_country: action === 'exported' ? r.pick(['DE', 'DE', 'CA', 'MX', 'JP']) : '', hts: line ? (r.chance(0.8) ? line.hts : r.pick(HTS)) : r.pick(HTS), description: 'exported article', lot_id: lot, heat_number: heat, quantity: qty(r, 0.5, 400), uom: line && r.chance(0.8) ? line.uom : uom, value: money(r, 10, 60000) });
    }
  }
  const write = (name, header, rows) => {
    if (!rows.length) return;
    writeFileSync(join(dir, name), `${[header.join(','), ...rows.map((row) => header.map((h) => row[h] ?? '').join(','))].join('\n')}\n`);
  };
  write('entries.csv', ['entry_number', 'entry_type', 'importer_number', 'import_date', 'entry_date', 'port_code', 'line_number', 'hts', 'description', 'country_of_origin', 'entered_value', 'quantity', 'uom'], entries);
  write('duties.csv', ['entry_number', 'line_number', 'program', 'heading', 'amount'], duties);
  write('lots.csv', ['entry_number', 'line_number', 'lot_id', 'heat_number', 'quantity'], lots);
  write('production.csv', ['production_order', 'production_date', 'role', 'lot_id', 'heat_number', 'quantity', 'uom', 'hts'], production);
  write('exports.csv', ['export_id', 'line_number', 'export_date', 'action', 'exporter', 'destination_country', 'hts', 'description', 'lot_id', 'heat_number', 'quantity', 'uom', 'value'], exports);
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seed, dir] = process.argv.slice(2);
  generate(Number(seed), dir);
  console.log(dir);
}
