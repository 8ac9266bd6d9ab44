// An independent oracle of the estimate (matching-and-estimates.md §2–§6, drawback-rules.md), written
// from the spec text only. It designates the simple shapes generate.mjs produces (one lot per import
// line, commingled lots by FIFO/heat, one production level, one substitution candidate) and decides
// every bucket.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { addYears } from './generate.mjs';

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const D = (x) => new Decimal(x);
const cents = (d) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

function readCsv(dir, name) {
  const path = join(dir, name);
  if (!existsSync(path)) return [];
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((l) => l.length).map((l) => l.split(','));
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const PARTNERS = new Set(['GB', 'CH', 'JP', 'KR', 'TW', 'CA', 'MX', 'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);
const ANNEXES = new Set(['I-A', 'I-B', 'I-C', 'III']);
const OTHER_SUBHEADINGS = new Set(['84145965', '85011040']);
const digits = (h) => h.replace(/\./g, '');
const inRanges = (h, ranges) => h !== null && /^\d{8}/.test(h) && ranges.some(([lo, hi]) => h.slice(0, 8) >= lo && h.slice(0, 8) <= hi);

// The rules note, §2–§3: which headings each program's rule covers.
const PROGRAM_HEADINGS = {
  s301: [['99038800', '99038899'], ['99039100', '99039199']],
  s201: [['99030000', '99039999']],
  ieepa_reciprocal: [['99030125', '99030176'], ['99030200', '99030299']],
  s122: [['99030301', '99030301']],
};
const S232_HEADINGS = [['99037800', '99037899'], ['99038000', '99038599']];
export const UNVERIFIED = new Set(['IEEPA-REFUNDED-ELSEWHERE', 'IEEPA-RECIPROCAL-ALL', 'IEEPA-OTHER-REVIEW', 'MPF-HMF-NOT-MANUFACTURING', 'S232-P11021-UNUSED', 'S232-P11021-MFG', 'USMCA-EXPORT-REVIEW', 'S232-P11021-C1-ANNEX-UNKNOWN', 'S232-P11021-C1-ANNEX', 'S232-P11021-C2-ADCVD', 'S232-P11021-C3-ORIGIN', 'S232-P11021-C4-MELT-POUR-MISSING', 'S232-P11021-C4-SMELT-CAST-MISSING', 'S232-P11021-C4-METAL-ORIGIN', 'S232-P11021-C4-COPPER', 'S232-P11021-PARTNERS', 'S232-P11021-ANNEXES']);

const STAGES = ['deadline', 'refunded', 'program', 's232_entry_date', 'provision', 'usmca', 'identification', 'c1', 'c2', 'c3', 'c4', 'zero'];

/** Every rule is evaluated; excluded beats conditional; within a status the first stage wins (§5). */
export function decide(bucket, line, claim) {
  const out = [];
  const hit = (stage, status, reason, rule) => out.push({ stage: STAGES.indexOf(stage), status, reason, rule });
  const { provision, method, policy } = claim;
  const p = bucket.program;
  const relied = new Set();
  let recoverRule = null;

  if (claim.asOf > addYears(line.import_date, 5)) hit('deadline', 'excluded', 'CLAIM_DEADLINE_PASSED', 'DEADLINE-5Y');
  if (p.startsWith('ieepa_') && line.ieepa_refund_claimed === 'true') hit('refunded', 'excluded', 'REFUNDED_ELSEWHERE', 'IEEPA-REFUNDED-ELSEWHERE');
  const noRule = () => hit('program', 'conditional', 'RULE_REVIEW_REQUIRED', 'NO-RULE');
  switch (p) {
    case 'ordinary': recoverRule = 'ORDINARY-ALL'; break;
    case 's301': case 's201': case 'ieepa_reciprocal': case 's122':
      if (inRanges(bucket.heading, PROGRAM_HEADINGS[p])) recoverRule = { s301: 'S301-ALL', s201: 'S201-ALL', ieepa_reciprocal: 'IEEPA-RECIPROCAL-ALL', s122: 'S122-ALL' }[p];
      else noRule();
      break;
    case 'adcvd': hit('program', 'excluded', 'ADCVD_NEVER', 'ADCVD-NEVER'); break;
    case 'ieepa_fentanyl': hit('program', 'excluded', 'IEEPA_ORDER_BARS_DRAWBACK', 'IEEPA-FENTANYL-BAR'); break;
    case 'ieepa_other': hit('program', 'conditional', 'RULE_REVIEW_REQUIRED', 'IEEPA-OTHER-REVIEW'); break;
    case 'mpf': case 'hmf':
      if (['a', 'b'].includes(provision)) hit('program', 'excluded', 'MPF_HMF_NOT_MANUFACTURING', 'MPF-HMF-NOT-MANUFACTURING');
      else recoverRule = 'MPF-HMF-UNUSED';
      break;
    case 'excise':
      if (['b', 'j2'].includes(provision)) hit('program', 'conditional', 'EXCISE_SUBSTITUTION_LIMIT', 'EXCISE-SUBSTITUTION');
      else recoverRule = 'EXCISE-DIRECT-ID';
      break;
    case 'other': hit('program', 'conditional', 'RULE_REVIEW_REQUIRED', 'OTHER-REVIEW'); break;
    case 's232': break;
    default: throw new Error(`program ${p}`);
  }
  if (p === 's232') {
    if (line.entry_date < '2026-04-06') hit('s232_entry_date', 'excluded', 'S232_NO_DRAWBACK', 'S232-BEFORE-P11021');
    else {
      if (['c', 'j1', 'j2'].includes(provision)) hit('provision', 'excluded', 'S232_PROVISION_NOT_ALLOWED', 'S232-P11021-UNUSED');
      else {
        if (provision === 'b' && policy.s232_substitution === 'excluded') hit('provision', 'excluded', 'S232_SUBSTITUTION_NOT_ALLOWED', 'S232-POLICY-NO-SUBSTITUTION');
        if (inRanges(bucket.heading, S232_HEADINGS)) recoverRule = 'S232-P11021-MFG';
        else noRule();
        // the four 11021 conditions (rules §3.1)
        if (!bucket.s232_annex) hit('c1', 'conditional', 'S232_ANNEX_UNKNOWN', 'S232-P11021-C1-ANNEX-UNKNOWN');
        else if (!ANNEXES.has(bucket.s232_annex)) hit('c1', 'excluded', 'S232_ANNEX_NOT_QUALIFYING', 'S232-P11021-C1-ANNEX');
        if (line.adcvd_case || line.hasAdcvdBucket) hit('c2', 'excluded', 'S232_ADCVD_ARTICLE', 'S232-P11021-C2-ADCVD');
        if (!PARTNERS.has(line.country_of_origin)) hit('c3', 'excluded', 'S232_ORIGIN_NOT_PARTNER', 'S232-P11021-C3-ORIGIN');
        if (bucket.metal === 'steel') {
          if (!line.melt_pour_country) hit('c4', 'conditional', 'S232_MELT_POUR_MISSING', 'S232-P11021-C4-MELT-POUR-MISSING');
          else if (!PARTNERS.has(line.melt_pour_country)) hit('c4', 'excluded', 'S232_METAL_ORIGIN_NOT_PARTNER', 'S232-P11021-C4-METAL-ORIGIN');
        } else if (bucket.metal === 'aluminum') {
          const reported = [line.smelt_primary_country, line.cast_country, ['', 'N'].includes(line.smelt_secondary_country) ? null : line.smelt_secondary_country].filter((c) => c);
          if (reported.some((c) => !PARTNERS.has(c))) hit('c4', 'excluded', 'S232_METAL_ORIGIN_NOT_PARTNER', 'S232-P11021-C4-METAL-ORIGIN');
          if (!line.smelt_primary_country || !line.cast_country) hit('c4', 'conditional', 'S232_SMELT_CAST_MISSING', 'S232-P11021-C4-SMELT-CAST-MISSING');
        } else if (bucket.metal === 'copper') hit('c4', 'conditional', 'S232_COPPER_ORIGIN_UNPROVEN', 'S232-P11021-C4-COPPER');
      }
    }
  }
  if (['a', 'b', 'c', 'j1'].includes(provision) && claim.export.action === 'exported' && ['CA', 'MX'].includes(claim.export.destination_country)) {
    hit('usmca', 'conditional', 'USMCA_EXPORT_REVIEW', 'USMCA-EXPORT-REVIEW');
  }
  if (p === 's232' && ['a', 'c', 'j1'].includes(provision) && method === 'fifo' && policy.s232_identification === 'lot_or_heat') {
    hit('identification', 'excluded', 'S232_NOT_LOT_OR_HEAT_IDENTIFIED', 'S232-POLICY-LOT-OR-HEAT');
  }
  if (D(bucket.amount).isZero()) hit('zero', 'excluded', 'ZERO_AMOUNT', 'ZERO-AMOUNT');

  const first = (status) => out.filter((o) => o.status === status).sort((x, y) => x.stage - y.stage)[0];
  const decision = first('excluded') ?? first('conditional') ?? { status: 'recoverable', reason: 'RECOVERABLE', rule: recoverRule };
  if (!decision.rule) throw new Error(`no rule for ${JSON.stringify(bucket)}`);
  // §6 "the unverified rules it relied on": the deciding rule and, for a conditional bucket, the rule
  // its possible amount rests on; an 11021 rule (recovery or condition) rests on the partner and annex lists.
  const behind = decision.status === 'conditional' && decision.rule !== 'NO-RULE' ? recoverRule : null;
  for (const rule of [decision.rule, behind].filter(Boolean)) {
    relied.add(rule);
    if (rule.startsWith('S232-P11021-') && rule !== 'S232-P11021-UNUSED') { relied.add('S232-P11021-PARTNERS'); relied.add('S232-P11021-ANNEXES'); }
  }
  return { ...decision, relied };
}

/** The estimate the spec prescribes for `run DIR --provision P --as-of D --policy …`. */
export function oracle(dir, { provision, asOf, policy }) {
  const entries = readCsv(dir, 'entries.csv');
  const duties = readCsv(dir, 'duties.csv');
  const lots = readCsv(dir, 'lots.csv').map((l, i) => ({ ...l, order: i, taken: D(0) }));
  const production = readCsv(dir, 'production.csv');
  const exportsRows = readCsv(dir, 'exports.csv');
  const key = (e, l) => `${digits(e).replace(/-/g, '')}/${l}`;
  const lineByKey = new Map(entries.map((e) => [key(e.entry_number, e.line_number), { ...e, taken: D(0), hasAdcvdBucket: false }]));

  // duty buckets per line, entry-level MPF/HMF apportioned by entered value (rules §2)
  const buckets = new Map([...lineByKey.keys()].map((k) => [k, []]));
  for (const d of duties) {
    if (d.line_number) {
      const k = key(d.entry_number, d.line_number);
      buckets.get(k).push({ program: d.program, heading: d.heading ? digits(d.heading) : null, metal: d.metal || null, s232_annex: d.s232_annex || null, amount: d.amount });
      if (d.program === 'adcvd') lineByKey.get(k).hasAdcvdBucket = true;
    } else {
      const same = entries.filter((e) => e.entry_number === d.entry_number);
      const sum = same.reduce((s, e) => s.plus(e.entered_value), D(0));
      for (const e of same) {
        const share = D(e.entered_value).div(sum).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
        buckets.get(key(e.entry_number, e.line_number)).push({ program: d.program, heading: null, metal: null, s232_annex: null, amount: cents(D(d.amount).times(share)).toFixed(2) });
      }
    }
  }

  const exps = [...exportsRows].sort((x, y) => (x.export_date !== y.export_date ? (x.export_date < y.export_date ? -1 : 1) : x.export_id !== y.export_id ? (x.export_id < y.export_id ? -1 : 1) : Number(x.line_number) - Number(y.line_number)));
  const designations = [];
  const unmatched = [];
  const orders = new Map();
  for (const row of production) {
    const o = orders.get(row.production_order) ?? { id: row.production_order, inputs: [], output: null };
    if (row.role === 'output') o.output = row; else o.inputs.push(row);
    o.date = row.production_date;
    orders.set(row.production_order, o);
  }
  const lineOf = (r) => lineByKey.get(key(r.entry_number, r.line_number));
  const fiveYears = (imp, date) => (date > addYears(imp, 5) ? 'EXPORT_AFTER_5_YEARS' : date < imp ? 'EXPORT_BEFORE_IMPORT' : null);

  // direct identification at a receipt lot (§2.1 step 3); returns [taken, firstReason]
  const fromLot = (exp, lot, heat, qty, uom, trace) => {
    let cands = lots.filter((l) => l.lot_id === lot);
    if (heat) cands = cands.filter((l) => l.heat_number === heat);
    if (!cands.length) return [D(0), 'LOT_NOT_FOUND'];
    const lineKeys = new Set(cands.map((c) => key(c.entry_number, c.line_number)));
    const method = lineKeys.size > 1 ? 'fifo' : heat ? 'heat' : 'lot';
    cands.sort((x, y) => {
      const a = lineOf(x); const b = lineOf(y);
      return a.import_date !== b.import_date ? (a.import_date < b.import_date ? -1 : 1) : a.entry_number !== b.entry_number ? (a.entry_number < b.entry_number ? -1 : 1) : Number(a.line_number) - Number(b.line_number) || x.order - y.order;
    });
    let left = D(qty);
    let reason = null;
    for (const c of cands) {
      if (left.lte(0)) break;
      const line = lineOf(c);
      if (line.uom !== uom) { reason ??= 'UOM_MISMATCH'; continue; }
      const why = fiveYears(line.import_date, exp.export_date) ?? (trace && trace.date < line.import_date ? 'TRACE_DATES_INCONSISTENT' : null);
      if (why) { reason ??= why; continue; }
      const avail = Decimal.min(D(c.quantity).minus(c.taken), D(line.quantity).minus(line.taken));
      const take = Decimal.min(avail, left);
      if (take.lte(0)) continue;
      c.taken = c.taken.plus(take); line.taken = line.taken.plus(take); left = left.minus(take);
      designations.push({ exp, line, lot: c.lot_id, heat: c.heat_number || null, method, quantity: take });
    }
    return [D(qty).minus(left), reason];
  };

  for (const exp of exps) {
    const qty = D(exp.quantity);
    let got = D(0);
    let reason = null;
    if (['a', 'c', 'j1'].includes(provision)) {
      if (!exp.lot_id) reason = 'NO_LOT_ON_EXPORT';
      else {
        const producing = [...orders.values()].filter((o) => o.output.lot_id === exp.lot_id);
        if (producing.length) {
          if (provision !== 'a') reason = 'MANUFACTURED_NOT_UNUSED';
          else {
            if (producing.length !== 1 || producing[0].inputs.length !== 1) throw new Error('oracle: only one single-input order per lot');
            const o = producing[0];
            const take = Decimal.min(qty, D(o.output.quantity));
            const input = o.inputs[0];
            if (o.date > exp.export_date) reason = 'TRACE_DATES_INCONSISTENT';
            else if (o.output.uom !== exp.uom) reason = 'UOM_MISMATCH';
            else {
              const need = take.times(input.quantity).div(o.output.quantity);
              const [taken, why] = fromLot(exp, input.lot_id, input.heat_number, need, input.uom, o);
              got = taken.times(o.output.quantity).div(input.quantity);
              reason = why;
            }
          }
        } else if (!lots.some((l) => l.lot_id === exp.lot_id)) reason = 'LOT_NOT_FOUND';
        else {
          const [taken, why] = fromLot(exp, exp.lot_id, exp.heat_number, qty, exp.uom, null);
          got = taken; reason = why;
        }
      }
    } else {
      // substitution (§2.2); a destruction is not an export to CA/MX (rules §1 "exports to Canada or Mexico")
      if (provision === 'j2' && exp.action === 'exported' && ['CA', 'MX'].includes(exp.destination_country)) reason = 'J2_USMCA_DESTINATION';
      else {
        const ten = provision === 'j2' && OTHER_SUBHEADINGS.has(exp.hts.slice(0, 8));
        const share = (l) => (ten ? l.hts === exp.hts : l.hts.slice(0, 8) === exp.hts.slice(0, 8)) && (provision !== 'j2' || !OTHER_SUBHEADINGS.has(l.hts.slice(0, 8)) || l.hts === exp.hts);
        const cands = [...lineByKey.values()].filter(share).sort((a, b) => (a.import_date !== b.import_date ? (a.import_date < b.import_date ? -1 : 1) : a.entry_number < b.entry_number ? -1 : a.entry_number > b.entry_number ? 1 : Number(a.line_number) - Number(b.line_number)));
        if (!cands.length) reason = 'NO_SUBSTITUTE_IMPORT';
        let left = qty;
        for (const line of cands) {
          if (left.lte(0)) break;
          const why = line.import_date > exp.export_date ? 'EXPORT_BEFORE_IMPORT' : fiveYears(line.import_date, exp.export_date);
          if (why) { reason ??= why; continue; }
          if (line.uom !== exp.uom) { reason ??= 'UOM_MISMATCH'; continue; }
          const take = Decimal.min(left, D(line.quantity).minus(line.taken));
          if (take.lte(0)) continue;
          line.taken = line.taken.plus(take); left = left.minus(take);
          designations.push({ exp, line, lot: null, heat: null, method: 'substitution', quantity: take });
        }
        got = qty.minus(left);
      }
    }
    if (got.lt(qty)) unmatched.push({ exportId: exp.export_id, exportLine: Number(exp.line_number), quantity: qty.minus(got), reason: reason ?? 'QUANTITY_EXHAUSTED' });
  }

  const lines = [];
  const relied = new Set();
  for (const des of designations) {
    const { exp, line } = des;
    for (const b of buckets.get(key(line.entry_number, line.line_number))) {
      const designated = D(b.amount).times(des.quantity).div(line.quantity);
      let base = designated;
      if (des.method === 'substitution') {
        const ratio = D(exp.value).div(exp.quantity).div(D(line.entered_value).div(line.quantity));
        base = designated.times(Decimal.min(1, ratio));
      }
      const d = decide(b, line, { provision, method: des.method, policy, asOf, export: exp });
      for (const r of d.relied) relied.add(r);
      const refund = cents(base.times('0.99'));
      lines.push({
        exportId: exp.export_id, exportLine: Number(exp.line_number), entryNumber: line.entry_number, entryLine: Number(line.line_number),
        lotId: des.lot, heatNumber: des.heat, method: des.method, quantity: des.quantity, program: b.program, heading: b.heading,
        designated: cents(designated).toFixed(2), base: des.method === 'substitution' ? cents(base).toFixed(2) : null,
        status: d.status, reason: d.reason, rule: d.rule,
        refund: d.status === 'recoverable' ? refund.toFixed(2) : '0.00', possible: d.status === 'conditional' ? refund.toFixed(2) : '0.00',
      });
    }
  }
  const sum = (rows) => {
    const t = { designated: D(0), refund: D(0), possible: D(0), excluded: D(0) };
    for (const l of rows) {
      t.designated = t.designated.plus(l.designated); t.refund = t.refund.plus(l.refund); t.possible = t.possible.plus(l.possible);
      if (l.status === 'excluded') t.excluded = t.excluded.plus(l.designated);
    }
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toFixed(2)]));
  };
  const programs = [...new Set(lines.map((l) => l.program))].sort();
  return {
    totals: sum(lines),
    byProgram: programs.map((program) => ({ program, ...sum(lines.filter((l) => l.program === program)) })),
    lines,
    unmatched,
    unverified: [...relied].filter((r) => UNVERIFIED.has(r)).sort(),
  };
}
