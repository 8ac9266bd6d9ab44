import { DataSource } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from './claimant-scope';
import { Page, PageRequest } from './page';

export interface ProductionItemView {
  lotId: string;
  heatNumber: string | null;
  quantity: string;
  uom: string;
  hts: string | null;
}

export interface ProductionOrderSummary {
  orderId: string;
  productionDate: string;
  inputCount: number;
  output: ProductionItemView | null;
}

export interface ProductionOrderDetail {
  orderId: string;
  productionDate: string;
  inputs: ProductionItemView[];
  output: ProductionItemView | null;
}

const ITEM = `json_build_object('lotId', i.lot_id, 'heatNumber', i.heat_number, 'quantity', i.quantity::text,
  'uom', i.uom, 'hts', i.hts)`;

/** Production orders as stored: what went in (lots and heats) and the one output. */
export class ProductionOrdersRead {
  constructor(private readonly dataSource: DataSource) {}

  async list(page: PageRequest, scope: ClaimantScope = null): Promise<Page<ProductionOrderSummary>> {
    const items = await this.dataSource.query<ProductionOrderSummary[]>(
      `SELECT o.order_id AS "orderId", o.production_date AS "productionDate",
              (SELECT count(*)::int FROM production_item i WHERE i.production_order_id = o.id AND i.role = 'input') AS "inputCount",
              (SELECT ${ITEM} FROM production_item i WHERE i.production_order_id = o.id AND i.role = 'output') AS output
         FROM production_order o WHERE ${inScope('o.claimant', 3)} ORDER BY o.order_id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset, scopeParam(scope)]);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM production_order o WHERE ${inScope('o.claimant', 1)}`, [scopeParam(scope)]);
    return { items, total, ...page };
  }

  /** One order; null when it is not stored or not the scope's claimant's. */
  async find(orderId: string, scope: ClaimantScope = null): Promise<ProductionOrderDetail | null> {
    const [order] = await this.dataSource.query<{ id: string; orderId: string; productionDate: string }[]>(
      `SELECT id, order_id AS "orderId", production_date AS "productionDate" FROM production_order
        WHERE order_id = $1 AND ${inScope('claimant', 2)}`,
      [orderId, scopeParam(scope)]);
    if (!order) return null;
    const items = await this.dataSource.query<(ProductionItemView & { role: 'input' | 'output' })[]>(
      `SELECT role, lot_id AS "lotId", heat_number AS "heatNumber", quantity, uom, hts
         FROM production_item WHERE production_order_id = $1 ORDER BY role, lot_id, heat_number NULLS FIRST`, [order.id]);
    const strip = ({ role: _role, ...item }: ProductionItemView & { role: string }) => item;
    return {
      orderId: order.orderId,
      productionDate: order.productionDate,
      inputs: items.filter((item) => item.role === 'input').map(strip),
      output: items.filter((item) => item.role === 'output').map(strip)[0] ?? null,
    };
  }
}
