// Random data sets for the differential recoverability test (see README.md in this folder).
// Designation is kept trivial on purpose: every import line is received in its own lot (or, for a few
// pairs, in one commingled lot), every export line ships one such lot (direct identification, family
// `direct`) or has exactly one same-HTS candidate import line (substitution, family `subst`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../seeded-random.mjs';

const DAY = 86400000;
export const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export function addYears(d, n) {
  const [y, m, dd] = d.split('-').map(Number);
  const day = m === 2 && dd === 29 ? 28 : dd;
  return `${String(y + n).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
const minDate = (a, b) => (a < b ? a : b);
const maxDate = (a, b) => (a > b ? a : b);

function charValue(c) {
  if (/[0-9]/.test(c)) return Number(c);
  const i = c.charCodeAt(0) - 65;
  if (i < 9) return i + 1; // A–I
  if (i < 18) return i - 8; // J–R
  return i - 16; // S–Z = 2–9
}
export function entryNumber(filer, seven) {
  const s = filer + seven;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let v = charValue(s[i]);
    if ((i + 1) % 2 === 0) { v *= 2; v = Math.floor(v / 10) + (v % 10); }
    sum += v;
  }
  return `${filer}-${seven}-${(10 - (sum % 10)) % 10}`;
}

const money = (r, lo, hi) => `${r.int(lo, hi)}.${String(r.int(0, 99)).padStart(2, '0')}`;

const PARTNERS = ['DE', 'GB', 'JP', 'CA', 'MX', 'FR', 'KR'];
const NON_PARTNERS = ['CN', 'VN', 'IN', 'BR', 'RU'];

function importDate(r) {
  return r.pick([
    () => '2024-02-29',
    () => addDays('2026-04-03', r.int(0, 5)),
    () => addDays('2025-04-02', r.int(0, 6)),
    () => addDays('2026-02-21', r.int(0, 6)),
    () => addDays('2021-12-05', r.int(0, 1700)),
    () => addDays('2026-04-06', r.int(0, 150)),
    () => addDays('2026-04-06', r.int(0, 150)),
  ])();
}

const HEADINGS = {
  s301: [['9903.88.03', '9903.88.15', '9903.91.01', '9903.88.00', '9903.91.99'], ['9903.87.99', '9903.92.00', '9903.01.25']],
  s201: [['9903.45.21', '9903.00.00', '9903.99.99'], ['9902.12.34', '9904.00.10']],
  ieepa_reciprocal: [['9903.01.25', '9903.01.76', '9903.02.10', '9903.02.99', '9903.02.00'], ['9903.01.24', '9903.01.77', '9903.03.01']],
  ieepa_fentanyl: [['9903.01.01', '9903.01.24'], ['9903.01.30']],
  ieepa_other: [['9903.01.90'], ['9903.05.01']],
  s122: [['9903.03.01'], ['9903.03.02', '9903.03.00']],
  other: [['9902.15.01'], ['9903.99.01']],
};
const S232 = {
  steel: [['9903.81.91', '9903.80.01', '9903.82.02', '9903.85.99', '9903.78.02'], ['9903.79.01', '9903.86.01', '9903.77.99']],
  aluminum: [['9903.85.02', '9903.85.67', '9903.80.00'], ['9903.86.00', '9903.79.99']],
  copper: [['9903.78.01', '9903.78.02'], ['9903.79.00', '9903.77.00']],
};

function lineDuties(r, entry, line) {
  const rows = [];
  const used = new Set();
  const add = (program, heading, extra = {}) => {
    const key = `${program}|${heading}`;
    if (used.has(key)) return;
    used.add(key);
    const amount = r.chance(0.1) ? '0.00' : r.chance(0.05) ? `0.0${r.int(1, 9)}` : money(r, 0, 20000);
    rows.push({ entry_number: entry, line_number: String(line), program, heading: r.chance(0.2) ? heading.replace(/\./g, '') : heading, metal: '', s232_annex: '', amount, ...extra });
  };
  const n = r.int(1, 5);
  for (let i = 0; i < n; i++) {
    const program = r.pick(['ordinary', 's301', 's201', 's232', 's232', 's232', 's122', 'ieepa_reciprocal', 'ieepa_fentanyl', 'ieepa_other', 'adcvd', 'mpf', 'hmf', 'excise', 'other']);
    if (program === 's232') {
      const metal = r.pick(['steel', 'aluminum', 'copper']);
      const [inside, outside] = S232[metal];
      add('s232', r.chance(0.8) ? r.pick(inside) : r.pick(outside), { metal, s232_annex: r.pick(['I-A', 'I-B', 'I-C', 'III', '']) });
    } else if (program === 'adcvd') add('adcvd', r.pick(['A-570-900', 'C-533-884']));
    else if (['ordinary', 'mpf', 'hmf', 'excise'].includes(program)) add(program, '');
    else {
      const [inside, outside] = HEADINGS[program];
      add(program, r.chance(0.75) ? r.pick(inside) : r.pick(outside));
    }
  }
  return rows;
}

/** family: 'direct' (a, c, j1) or 'subst' (b, j2). Returns a description of what was generated. */
export function generate(seed, family, dir) {
  const r = rng(seed * 7919 + (family === 'direct' ? 1 : 2));
  const entries = [];
  const duties = [];
  const lines = [];
  const nEntries = r.int(3, 7);
  let htsIndex = 0;
  for (let e = 0; e < nEntries; e++) {
    const number = entryNumber('DRB', String(1000000 + seed * 10 + e).slice(-7));
    const imp = importDate(r);
    const entryDate = addDays(imp, r.chance(0.6) ? 0 : r.int(1, 4));
    const nLines = r.int(1, 3);
    for (let l = 1; l <= nLines; l++) {
      htsIndex++;
      const otherSub = family === 'subst' && htsIndex === 2 && r.chance(0.5);
      // now and then a second import line of the same 8 digits: a substitution spanning two candidates
      const twin = family === 'subst' && !otherSub && lines.length > 0 && r.chance(0.15) ? lines[lines.length - 1] : null;
      const hts = twin ? twin.hts : otherSub ? '8414596595' : `${r.pick(['72', '73', '76', '74', '39', '61'])}${String(10 + r.int(0, 89))}${String(htsIndex).padStart(4, '0')}${r.pick(['10', '30', '90'])}`;
      const metalCountry = () => r.pick(['', 'UN', r.pick(PARTNERS), r.pick(NON_PARTNERS), 'RU']);
      const row = {
        entry_number: number, entry_type: '01', importer_number: '12-3456789AB', import_date: imp, entry_date: entryDate,
        port_code: '3901', line_number: String(l), hts, description: 'imported article',
        country_of_origin: r.chance(0.55) ? r.pick(PARTNERS) : r.pick(NON_PARTNERS),
        entered_value: money(r, 100, 100000), quantity: r.chance(0.8) ? String(r.int(10, 5000)) : `${r.int(10, 500)}.5`,
        uom: r.pick(['KG', 'NO']), spi: '',
        melt_pour_country: metalCountry(), smelt_primary_country: metalCountry(),
        smelt_secondary_country: r.pick(['', 'N', 'UN', r.pick(PARTNERS), r.pick(NON_PARTNERS)]), cast_country: metalCountry(),
        adcvd_case: r.chance(0.15) ? 'A-570-900' : '', ieepa_refund_claimed: r.pick(['', '', 'true', 'false']),
      };
      if (r.chance(0.4)) {
        // a line that may meet the 11021 conditions: partner origin and metal, no AD/CVD, entered from 2026-04-06
        Object.assign(row, {
          country_of_origin: r.pick(PARTNERS), melt_pour_country: r.chance(0.85) ? r.pick(PARTNERS) : r.pick(['', 'UN']),
          smelt_primary_country: r.chance(0.85) ? r.pick(PARTNERS) : r.pick(['', 'UN']), smelt_secondary_country: r.pick(['', 'N', r.pick(PARTNERS), 'RU']),
          cast_country: r.chance(0.85) ? r.pick(PARTNERS) : r.pick(['', 'UN']), adcvd_case: r.chance(0.05) ? 'C-533-884' : '',
        });
      }
      if (twin) row.uom = twin.uom;
      entries.push(row);
      lines.push(row);
      duties.push(...lineDuties(r, number, l));
    }
    for (const fee of ['mpf', 'hmf']) {
      if (r.chance(0.4)) duties.push({ entry_number: number, line_number: '', program: fee, heading: '', metal: '', s232_annex: '', amount: r.chance(0.1) ? '0.00' : r.chance(0.2) ? `0.0${r.int(1, 9)}` : money(r, 0, 600) });
    }
  }

  const lots = [];
  const production = [];
  const exports = [];
  let exportNo = 0;
  const newExport = (date, qty, uom, value, hts, extra) => {
    exportNo++;
    const exported = r.chance(0.8);
    exports.push({
      export_id: `X-${String(exportNo).padStart(3, '0')}`, line_number: '1', export_date: date,
      action: exported ? 'exported' : 'destroyed', exporter: 'Acme', destination_country: exported || r.chance(0.3) ? r.pick(['DE', 'GB', 'CA', 'MX', 'JP', 'CN']) : '',
      hts, description: 'exported article', lot_id: '', heat_number: '', quantity: qty, uom, value, ...extra,
    });
  };
  const exportDate = (imps, lo = 0) => {
    const latest = imps.reduce(maxDate);
    const deadline = imps.map((d) => addYears(d, 5)).reduce(minDate);
    const d = addDays(latest, lo + r.int(0, 400));
    return d > deadline ? deadline : d;
  };
  const part = (q) => (r.chance(0.5) ? q : String(Math.max(1, Math.floor(Number(q) / 2))));

  if (family === 'direct') {
    const pending = [...lines];
    let lotNo = 0;
    while (pending.length) {
      const line = pending.shift();
      lotNo++;
      const partner = pending.findIndex((o) => o.uom === line.uom);
      if (partner >= 0 && r.chance(0.25)) {
        // a commingled lot of two import lines
        const other = pending.splice(partner, 1)[0];
        const lot = `C-${lotNo}`;
        const h1 = r.chance(0.5) ? `H-${lotNo}a` : '';
        const h2 = r.chance(0.5) ? `H-${lotNo}b` : '';
        lots.push({ entry_number: line.entry_number, line_number: line.line_number, lot_id: lot, heat_number: h1, quantity: line.quantity });
        lots.push({ entry_number: other.entry_number, line_number: other.line_number, lot_id: lot, heat_number: h2, quantity: other.quantity });
        const first = [line, other].sort((x, y) => (x.import_date + x.entry_number + x.line_number < y.import_date + y.entry_number + y.line_number ? -1 : 1))[0];
        const byHeat = h2 && r.chance(0.4);
        const target = byHeat ? other : first;
        const take = byHeat ? part(other.quantity) : String(Math.max(1, Math.floor(Number(first.quantity) / 2)));
        if (r.chance(0.3)) {
          // manufactured from the commingled lot: the method is decided at the input lot
          const order = `PO-${lotNo}`;
          const prodDate = addDays([line.import_date, other.import_date].reduce(maxDate), r.int(0, 30));
          const out = 2 * r.int(1, 250);
          production.push({ production_order: order, production_date: prodDate, role: 'input', lot_id: lot, heat_number: byHeat ? h2 : '', quantity: take, uom: line.uom, hts: '' });
          production.push({ production_order: order, production_date: prodDate, role: 'output', lot_id: `FG-${lotNo}`, heat_number: '', quantity: String(out), uom: 'NO', hts: '8431499095' });
          const deadline = [line.import_date, other.import_date].map((d) => addYears(d, 5)).reduce(minDate);
          newExport(minDate(exportDate([prodDate]), deadline), r.chance(0.5) ? String(out) : String(out / 2), 'NO', money(r, 100, 90000), '8431499095', { lot_id: `FG-${lotNo}` });
          continue;
        }
        newExport(exportDate([line.import_date, other.import_date]), take, line.uom,
          money(r, 100, 90000), target.hts, { lot_id: lot, heat_number: byHeat ? h2 : '' });
        continue;
      }
      const lot = `L-${lotNo}`;
      const heat = r.chance(0.4) ? `H-${lotNo}` : '';
      lots.push({ entry_number: line.entry_number, line_number: line.line_number, lot_id: lot, heat_number: heat, quantity: line.quantity });
      if (r.chance(0.35)) {
        const order = `PO-${lotNo}`;
        const prodDate = addDays(line.import_date, r.int(0, 30));
        const out = 2 * r.int(1, 250);
        production.push({ production_order: order, production_date: prodDate, role: 'input', lot_id: lot, heat_number: heat && r.chance(0.5) ? heat : '', quantity: line.quantity, uom: line.uom, hts: '' });
        production.push({ production_order: order, production_date: prodDate, role: 'output', lot_id: `FG-${lotNo}`, heat_number: '', quantity: String(out), uom: 'NO', hts: '8431499095' });
        const exp = exportDate([prodDate]);
        newExport(exp > addYears(line.import_date, 5) ? addYears(line.import_date, 5) : exp, r.chance(0.5) ? String(out) : String(out / 2), 'NO', money(r, 100, 90000), '8431499095', { lot_id: `FG-${lotNo}` });
      } else {
        newExport(exportDate([line.import_date]), part(line.quantity), line.uom, money(r, 100, 90000), line.hts,
          { lot_id: lot, heat_number: heat && r.chance(0.5) ? heat : '' });
      }
    }
  } else {
    for (const line of lines) {
      if (lines.some((o) => o !== line && o.hts === line.hts && lines.indexOf(o) < lines.indexOf(line))) continue;
      const hts = line.hts === '8414596595' && r.chance(0.6) ? '8414596590' : line.hts;
      const twins = lines.filter((o) => o !== line && o.hts === line.hts);
      const qty = twins.length ? String(Number(line.quantity) + Number(part(twins[0].quantity))) : part(line.quantity);
      newExport(exportDate([line.import_date, ...twins.map((t) => t.import_date)]), qty, line.uom, money(r, 100, 90000), hts, {});
    }
  }

  const asOf = r.pick(['2026-11-30', '2026-11-30', '2026-12-31', '2029-02-28', '2029-03-01', '2027-06-01']);
  mkdirSync(dir, { recursive: true });
  const write = (name, header, rows) => {
    if (!rows.length) return;
    writeFileSync(join(dir, name), [header.join(','), ...rows.map((row) => header.map((h) => row[h] ?? '').join(','))].join('\n') + '\n');
  };
  write('entries.csv', ['entry_number', 'entry_type', 'importer_number', 'import_date', 'entry_date', 'port_code', 'line_number', 'hts', 'description', 'country_of_origin', 'entered_value', 'quantity', 'uom', 'spi', 'melt_pour_country', 'smelt_primary_country', 'smelt_secondary_country', 'cast_country', 'adcvd_case', 'ieepa_refund_claimed'], entries);
  write('duties.csv', ['entry_number', 'line_number', 'program', 'heading', 'metal', 's232_annex', 'amount'], duties);
  write('lots.csv', ['entry_number', 'line_number', 'lot_id', 'heat_number', 'quantity'], lots);
  write('production.csv', ['production_order', 'production_date', 'role', 'lot_id', 'heat_number', 'quantity', 'uom', 'hts'], production);
  write('exports.csv', ['export_id', 'line_number', 'export_date', 'action', 'exporter', 'destination_country', 'hts', 'description', 'lot_id', 'heat_number', 'quantity', 'uom', 'value'], exports);
  return { asOf };
}
