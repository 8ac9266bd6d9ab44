import { DESTINATIONS, EXPORTERS } from './catalog';
import { isoDate, money, quantity } from './formats';
import { Prng } from './prng';
import { RowSinks } from './rows';
import { RecentStock } from './stock';

/**
 * Writes export (and a few destruction) lines drawn from recent stock: shipments of one to three lines,
 * each naming the lot it ships and often the heat, so claims can identify them directly.
 */
export class ExportGenerator {
  private exportSequence = 0;
  private exportId = '';
  private exportDay = 0;
  private exporter = '';
  private destination: string | null = null;
  private linesLeft = 0;
  private lineNumber = 0;

  constructor(
    private readonly random: Prng,
    private readonly sinks: RowSinks,
    private readonly stock: RecentStock,
    private readonly onExportLine: (exportId: string, lineNumber: number) => Promise<void>,
  ) {}

  /** One export line; `today` is the day number of the latest import. */
  async write(today: number): Promise<void> {
    if (this.linesLeft === 0) this.startExport(today);
    const item = this.stock.pick(() => this.random.next());
    if (!item) return;
    this.linesLeft -= 1;
    this.lineNumber += 1;
    const shipped = Math.max(1, Math.round(item.quantity * (0.1 + 0.7 * this.random.next())));
    const markup = 1.1 + 0.4 * this.random.next();
    await this.sinks.exports({
      export_id: this.exportId,
      line_number: this.lineNumber,
      export_date: isoDate(this.exportDay),
      action: this.destination ? 'exported' : 'destroyed',
      exporter: this.exporter,
      destination_country: this.destination,
      hts: item.hts,
      description: item.description,
      lot_id: item.lotId,
      heat_number: this.random.chance(0.7) ? item.heatNumber : null,
      quantity: quantity(shipped),
      uom: item.uom,
      value: money(Math.max(1, Math.round((shipped * item.unitCents * markup) / 1000))),
    });
    await this.onExportLine(this.exportId, this.lineNumber);
  }

  private startExport(today: number): void {
    this.exportSequence += 1;
    // An ITN: `X` and 14 digits.
    this.exportId = `X${String(this.exportSequence).padStart(14, '0')}`;
    this.exportDay = today + this.random.int(30, 200);
    this.exporter = this.random.pick(EXPORTERS);
    this.destination = this.random.chance(0.03) ? null : this.random.pick(DESTINATIONS);
    this.linesLeft = this.random.int(1, 3);
    this.lineNumber = 0;
  }
}
