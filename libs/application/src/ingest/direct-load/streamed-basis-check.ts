import { Row } from '@drawback/domain';
import { BasisFinding, checkS232Basis, needsWorksheetAnswer, S232Bucket, S232LineFacts } from '@drawback/rules';

/** What the basis check reads of an entries.csv row (rules §3.3), in the order of S232LineFacts' fields. */
const LINE_FIELDS = ['entry_number', 'entry_date', 'hts', 'entered_value', 'country_of_origin', 'spi', 'melt_pour_country',
  'smelt_primary_country', 'smelt_secondary_country', 'cast_country'] as const;

/**
 * Fields whose values repeat across a file (an HTS number, a date, a country): kept once per value, not
 * once per line — a million lines' HTS numbers would otherwise be a million strings of a few dozen values.
 */
const REPEATING = new Set<string>(['entry_date', 'hts', 'country_of_origin', 'spi', 'melt_pour_country', 'smelt_primary_country',
  'smelt_secondary_country', 'cast_country']);

/** A line's buckets in the order the stored rows are read for the check: by heading (a s232 row always has one). */
const byHeading = (a: S232Bucket, b: S232Bucket) => (a.heading === b.heading ? 0 : a.heading < b.heading ? -1 : 1);

/**
 * The Section 232 basis check (rules §3.3) of a direct load made while duties.csv is read, instead of
 * reading every stored Section 232 bucket back with its line: each line's facts are kept from
 * entries.csv (column by column, by the line's position in the file), and a line's buckets are checked
 * as soon as the next line's begin. Two things wait: a line with a content-value basis (or a basis below the
 * entered value) is checked once
 * the evidence is known (whether a content_value_worksheet supports it); and a data set whose buckets of
 * one line lie apart in duties.csv is not checked here at all — its findings are made from the stored
 * rows, as before.
 */
export class StreamedBasisCheck {
  private columns: (string | null)[][] = LINE_FIELDS.map(() => []);
  private readonly values = LINE_FIELDS.map((field) => (REPEATING.has(field) ? new Map<string, string>() : null));
  private lineNumbers: number[] = [];
  /** Lines whose buckets have been checked (or set aside): meeting one again means its buckets lie apart. */
  private checked = new Uint8Array(0);
  private current = -1;
  private buckets: S232Bucket[] = [];
  private readonly awaitingEvidence: S232LineFacts[] = [];
  private readonly findings: BasisFinding[] = [];
  private together = true;

  /** An entries.csv row, at its position among the file's lines. */
  addLine(position: number, row: Row): void {
    for (let i = 0; i < LINE_FIELDS.length; i += 1) this.columns[i][position] = this.kept(i, row[LINE_FIELDS[i]]);
    this.lineNumbers[position] = Number(row.line_number);
  }

  private kept(field: number, value: string | null): string | null {
    const values = this.values[field];
    if (value === null || values === null) return value;
    const known = values.get(value);
    if (known !== undefined) return known;
    values.set(value, value);
    return value;
  }

  /** A duties.csv row of program s232 on the line at `position`. */
  addBucket(position: number, row: Row): void {
    if (!this.together) return;
    if (position !== this.current) {
      this.checkCurrentLine();
      if (this.checked.length === 0) this.checked = new Uint8Array(this.lineNumbers.length);
      if (this.checked[position] === 1) {
        this.together = false;
        return;
      }
      this.current = position;
    }
    this.buckets.push({
      heading: row.heading as string, metal: row.metal as S232Bucket['metal'], rate: row.rate, basis: row.basis as S232Bucket['basis'],
      basisValue: row.basis_value, amount: row.amount as string,
    });
  }

  /** After the last duties.csv row: the lines' facts are not needed any more (those awaiting evidence have their own). */
  endOfDuties(): void {
    if (this.together) this.checkCurrentLine();
    this.columns = [];
    this.lineNumbers = [];
    this.checked = new Uint8Array(0);
  }

  /**
   * Every finding, given which lines a content_value_worksheet supports (`entry number/line number`);
   * null when a line's buckets lay apart, and the findings must be made from the stored rows.
   */
  findingsGiven(worksheets: ReadonlySet<string>): BasisFinding[] | null {
    if (!this.together) return null;
    for (const line of this.awaitingEvidence) {
      line.hasContentValueWorksheet = worksheets.has(`${line.entryNumber}/${line.lineNumber}`);
      this.findings.push(...checkS232Basis(line));
    }
    this.awaitingEvidence.length = 0;
    return this.findings;
  }

  private checkCurrentLine(): void {
    if (this.current < 0) return;
    const position = this.current;
    this.checked[position] = 1;
    this.current = -1;
    const buckets = this.buckets.sort(byHeading);
    this.buckets = [];
    const line = this.factsOf(position, buckets);
    if (needsWorksheetAnswer(line)) this.awaitingEvidence.push(line);
    else this.findings.push(...checkS232Basis(line));
  }

  private factsOf(position: number, buckets: S232Bucket[]): S232LineFacts {
    const at = (field: number) => this.columns[field][position];
    return {
      entryNumber: at(0) as string, lineNumber: this.lineNumbers[position], entryDate: at(1) as string, hts: at(2) as string,
      enteredValue: at(3) as string, countryOfOrigin: at(4) as string, spi: at(5), meltPourCountry: at(6), smeltPrimaryCountry: at(7),
      smeltSecondaryCountry: at(8), castCountry: at(9),
      buckets, hasContentValueWorksheet: false,
    };
  }
}
