import { PRODUCTS } from './catalog';
import { isoDate, quantity } from './formats';
import { Prng } from './prng';
import { RowSinks } from './rows';
import { RecentStock, StockItem } from './stock';

/**
 * Writes production orders: one or two received lots (by heat) in, one finished-goods lot out. Every
 * fourth order also consumes the previous order's output (multi-level manufacturing); orders only ever
 * consume what earlier orders made, so there is no cycle.
 */
export class ProductionGenerator {
  private orderSequence = 0;
  private previousOutput: StockItem | null = null;

  constructor(
    private readonly random: Prng,
    private readonly sinks: RowSinks,
    private readonly stock: RecentStock,
    private readonly onOrder: (orderId: string) => Promise<void>,
  ) {}

  async write(today: number): Promise<void> {
    const inputs = this.pickInputs();
    if (inputs.length === 0) return;
    this.orderSequence += 1;
    const orderId = `PO-${String(this.orderSequence).padStart(6, '0')}`;
    const day = today + this.random.int(5, 25);
    const common = { production_order: orderId, production_date: isoDate(day) };
    for (const input of inputs) {
      const consumed = Math.max(1, Math.round(input.quantity * (0.3 + 0.7 * this.random.next())));
      await this.sinks.production({
        ...common, role: 'input', lot_id: input.lotId, heat_number: input.heatNumber, quantity: quantity(consumed), uom: input.uom,
      });
    }
    const product = this.random.pick(PRODUCTS);
    const made = this.random.int(10, 2_000) * 1000;
    const output: StockItem = {
      lotId: `FG-${String(this.orderSequence).padStart(6, '0')}`, heatNumber: null, quantity: made, uom: 'NO',
      hts: product.hts, description: product.description, unitCents: this.random.int(5_000, 90_000), day, produced: true,
    };
    await this.sinks.production({ ...common, role: 'output', lot_id: output.lotId, quantity: quantity(made), uom: 'NO', hts: output.hts });
    this.stock.add(output);
    this.previousOutput = output;
    await this.onOrder(orderId);
  }

  /** Received items with distinct (lot, heat): the natural key of an input row. */
  private pickInputs(): StockItem[] {
    const inputs: StockItem[] = [];
    const wanted = this.random.int(1, 2);
    for (let attempt = 0; attempt < 6 && inputs.length < wanted; attempt += 1) {
      const item = this.stock.pick(() => this.random.next(), true);
      if (item && !inputs.some((i) => i.lotId === item.lotId && i.heatNumber === item.heatNumber)) inputs.push(item);
    }
    if (inputs.length > 0 && this.previousOutput && this.orderSequence % 4 === 3) inputs.push(this.previousOutput);
    return inputs;
  }
}
