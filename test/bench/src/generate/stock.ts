/** Metal on hand: a receipt of an import line, or the output of a production order. */
export interface StockItem {
  lotId: string;
  heatNumber: string | null;
  /** Thousandths of `uom`. */
  quantity: number;
  uom: string;
  hts: string;
  description: string;
  unitCents: number;
  /** Day number (from 2025-01-01) the item came into stock. */
  day: number;
  produced: boolean;
}

/**
 * The most recent stock items, in a fixed-size ring: exports and production orders draw from recent
 * stock as a real plant would, and the generator keeps constant memory however many lines it writes.
 */
export class RecentStock {
  private readonly items: StockItem[] = [];
  private next = 0;

  constructor(private readonly capacity = 256) {}

  add(item: StockItem): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.items.length;
  }

  /** An item chosen by `random` in [0, 1), optionally only received (not produced) ones. */
  pick(random: () => number, receivedOnly = false): StockItem | undefined {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const item = this.items[Math.floor(random() * this.items.length)];
      if (item && !(receivedOnly && item.produced)) return item;
    }
    return receivedOnly ? this.items.find((item) => !item.produced) : this.items[0];
  }
}
