import { ApiProperty } from '@nestjs/swagger';
import type { ProductionItemView, ProductionOrderDetail, ProductionOrderSummary } from '@drawback/persistence';
import { DATE, PageDto, QUANTITY } from './common.dto';

export class ProductionItemDto implements ProductionItemView {
  @ApiProperty() lotId!: string;
  @ApiProperty({ type: String, nullable: true }) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty() uom!: string;
  @ApiProperty({ type: String, nullable: true }) hts!: string | null;
}

export class ProductionOrderSummaryDto implements ProductionOrderSummary {
  @ApiProperty({ example: 'PO-1' }) orderId!: string;
  @ApiProperty(DATE) productionDate!: string;
  @ApiProperty() inputCount!: number;
  @ApiProperty({ type: ProductionItemDto, nullable: true }) output!: ProductionItemDto | null;
}

export class ProductionOrderPageDto extends PageDto {
  @ApiProperty({ type: [ProductionOrderSummaryDto] }) items!: ProductionOrderSummaryDto[];
}

export class ProductionOrderDetailDto implements ProductionOrderDetail {
  @ApiProperty({ example: 'PO-1' }) orderId!: string;
  @ApiProperty(DATE) productionDate!: string;
  @ApiProperty({ type: [ProductionItemDto] }) inputs!: ProductionItemDto[];
  @ApiProperty({ type: ProductionItemDto, nullable: true }) output!: ProductionItemDto | null;
}
