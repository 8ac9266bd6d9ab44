import { entryCheckDigit } from '@drawback/domain';
import { Article, ARTICLES, EXTRUSIONS_ADCVD_CASE, FILER_CODES, IMPORTERS, ORIGINS, PORTS, S301_HEADINGS, USMCA } from './catalog';
import { dayOf, isoDate, money, percentOf, quantity } from './formats';
import { Prng } from './prng';
import { CsvRow, RowSinks } from './rows';
import { RecentStock } from './stock';

/** Section 232 on steel and aluminum went from 25 % to 50 % on this day. */
const S232_FIFTY_PERCENT_DAY = dayOf('2025-06-04');
/** Entries from this day report the Section 232 annex. */
const S232_ANNEX_DAY = dayOf('2026-04-06');
/** MPF: 0.3464 % ad valorem between the fiscal year's minimum and maximum, in cents. */
const MPF_RATE_PER_MILLION = 3464;
const MPF_MIN_CENTS = 3271;
const MPF_MAX_CENTS = 63462;

/** A valid CBP entry number for the n-th entry: filer code, 7-digit serial, mod-10 check digit. */
export function entryNumberOf(index: number): string {
  const filer = FILER_CODES[index % FILER_CODES.length];
  const serial = String(index + 1).padStart(7, '0');
  return `${filer}-${serial}-${entryCheckDigit(filer + serial)}`;
}

interface ImportLine {
  lineNumber: number;
  article: Article;
  origin: string;
  spi: string | null;
  adcvdCase: string | null;
  quantity: number;
  unitCents: number;
  valueCents: number;
}

/**
 * Writes import entries — their lines, duty buckets and receipts into lots — and puts each receipt into
 * the recent stock that exports and production draw from.
 */
export class ImportEntryGenerator {
  private entryIndex = 0;
  private lotSequence = 0;
  private receiptsInLot = 0;
  private heatSequence = 0;

  constructor(
    private readonly random: Prng,
    private readonly sinks: RowSinks,
    private readonly stock: RecentStock,
  ) {}

  /** One entry of `lineCount` lines imported on `day`; returns its entry number. */
  async write(lineCount: number, day: number): Promise<string> {
    const entryNumber = entryNumberOf(this.entryIndex);
    this.entryIndex += 1;
    const entryDay = day + this.random.int(0, 2);
    const header = {
      entry_number: entryNumber,
      entry_type: '01',
      importer_number: this.random.pick(IMPORTERS),
      import_date: isoDate(day),
      entry_date: isoDate(entryDay),
      port_code: this.random.pick(PORTS),
    };
    const lines = Array.from({ length: lineCount }, (_, index) => this.line(index + 1));
    if (lines.some((line) => line.adcvdCase)) header.entry_type = '03';
    for (const line of lines) {
      await this.sinks.entries({ ...header, ...this.lineColumns(line) });
      await this.writeLineDuties(entryNumber, line, entryDay);
      await this.writeReceipts(entryNumber, line, day);
    }
    const totalCents = lines.reduce((sum, line) => sum + line.valueCents, 0);
    const mpf = Math.min(MPF_MAX_CENTS, Math.max(MPF_MIN_CENTS, Math.round((totalCents * MPF_RATE_PER_MILLION) / 1_000_000)));
    await this.sinks.duties({ entry_number: entryNumber, program: 'mpf', amount: money(mpf) });
    return entryNumber;
  }

  private line(lineNumber: number): ImportLine {
    const article = this.random.pick(ARTICLES);
    const origin = this.random.pick(ORIGINS);
    const whole = article.uom === 'KG' ? this.random.int(500, 40_000) : this.random.int(10, 3_000);
    const fraction = article.uom === 'KG' && this.random.chance(0.3) ? this.random.int(1, 999) : 0;
    const lineQuantity = whole * 1000 + fraction;
    const unitCents = this.random.int(article.unitCents[0], article.unitCents[1]);
    return {
      lineNumber,
      article,
      origin,
      spi: USMCA.has(origin) && this.random.chance(0.5) ? 'S' : null,
      adcvdCase: origin === 'CN' && article.hts.startsWith('7604') && this.random.chance(0.3) ? EXTRUSIONS_ADCVD_CASE : null,
      quantity: lineQuantity,
      unitCents,
      valueCents: Math.max(1, Math.round((lineQuantity * unitCents) / 1000)),
    };
  }

  private lineColumns(line: ImportLine): CsvRow {
    const { article, origin } = line;
    const metalCountry = (share: number) =>
      this.random.chance(0.03) ? 'UN' : this.random.chance(share) ? origin : this.random.pick(ORIGINS);
    const steel = article.metal === 'steel';
    return {
      line_number: line.lineNumber,
      hts: this.random.chance(0.5) ? article.hts : `${article.hts.slice(0, 4)}.${article.hts.slice(4, 6)}.${article.hts.slice(6)}`,
      description: article.description,
      country_of_origin: origin,
      entered_value: money(line.valueCents),
      quantity: quantity(line.quantity),
      uom: article.uom,
      spi: line.spi,
      melt_pour_country: steel ? metalCountry(0.85) : null,
      smelt_primary_country: steel ? null : metalCountry(0.7),
      smelt_secondary_country: steel ? null : this.random.chance(0.8) ? 'N' : this.random.pick(ORIGINS),
      cast_country: steel ? null : origin,
      adcvd_case: line.adcvdCase,
      ieepa_refund_claimed: this.random.chance(0.1) ? 'false' : null,
    };
  }

  /** `ordinary` on every line, `s232` on most, `s301` on Chinese goods, `adcvd` where an order applies. */
  private async writeLineDuties(entryNumber: string, line: ImportLine, entryDay: number): Promise<void> {
    const { article } = line;
    const bucket = (program: string, heading: string | null, rate: number, basisCents: number, extra: CsvRow = {}) =>
      this.sinks.duties({
        entry_number: entryNumber, line_number: line.lineNumber, program, heading, rate,
        basis: extra.basis ?? 'full_value', basis_value: money(basisCents), amount: money(percentOf(basisCents, rate)), ...extra,
      });
    await bucket('ordinary', null, line.spi === 'S' ? 0 : article.ordinaryRate, line.valueCents);
    if (this.random.chance(0.85)) {
      // Derivatives pay on the value of their steel or aluminum content only.
      const basisCents = article.derivative ? Math.max(1, Math.round(line.valueCents * (0.4 + 0.5 * this.random.next()))) : line.valueCents;
      const annex = entryDay >= S232_ANNEX_DAY ? (article.derivative ? 'I-B' : 'I-A') : null;
      await bucket('s232', article.s232Heading, entryDay >= S232_FIFTY_PERCENT_DAY ? 50 : 25, basisCents, {
        metal: article.metal, s232_annex: annex, basis: article.derivative ? 'content_value' : 'full_value',
      });
    }
    if (line.origin === 'CN') await bucket('s301', this.random.pick(S301_HEADINGS), 25, line.valueCents);
    if (line.adcvdCase) await bucket('adcvd', line.adcvdCase, 33.3, line.valueCents);
  }

  /**
   * One or two receipts per line that add up to at most its quantity. Lots fill with a few receipts
   * each, so a lot often holds several import lines (commingled) and heat numbers tell receipts apart.
   */
  private async writeReceipts(entryNumber: string, line: ImportLine, day: number): Promise<void> {
    const split = this.random.chance(0.4);
    const first = split ? Math.max(1, Math.round(line.quantity * (0.3 + 0.4 * this.random.next()))) : line.quantity;
    const shortfall = (rest: number) => (this.random.chance(0.1) ? Math.floor(rest * 0.01 * this.random.next()) : 0);
    const parts = split ? [first, line.quantity - first - shortfall(line.quantity - first)] : [first - shortfall(first)];
    for (const part of parts) {
      const heatNumber = split || this.random.chance(0.9) ? this.nextHeat(line.article.metal) : null;
      const lotId = this.nextLot();
      await this.sinks.lots({ entry_number: entryNumber, line_number: line.lineNumber, lot_id: lotId, heat_number: heatNumber, quantity: quantity(part) });
      this.stock.add({
        lotId, heatNumber, quantity: part, uom: line.article.uom, hts: line.article.hts, description: line.article.description,
        unitCents: line.unitCents, day, produced: false,
      });
    }
  }

  private nextLot(): string {
    if (this.receiptsInLot >= this.random.int(1, 6)) {
      this.lotSequence += 1;
      this.receiptsInLot = 0;
    }
    this.receiptsInLot += 1;
    return `LOT-${String(this.lotSequence).padStart(7, '0')}`;
  }

  private nextHeat(metal: string): string {
    this.heatSequence += 1;
    return `${metal === 'steel' ? 'H' : 'C'}${String(this.heatSequence).padStart(8, '0')}`;
  }
}
