import { ApiProperty } from '@nestjs/swagger';
import type { ExportDetail, ExportLineView, ExportSummary } from '@drawback/persistence';
import { DATE, MONEY, PageDto, QUANTITY } from './common.dto';

export class ExportSummaryDto implements ExportSummary {
  @ApiProperty({ example: 'EXP-3' }) exportId!: string;
  @ApiProperty({ ...DATE, description: "The earliest line's date" }) exportDate!: string;
  @ApiProperty({ type: [String] }) exporters!: string[];
  @ApiProperty() lineCount!: number;
  @ApiProperty(MONEY) value!: string;
}

export class ExportPageDto extends PageDto {
  @ApiProperty({ type: [ExportSummaryDto] }) items!: ExportSummaryDto[];
}

export class ExportLineDto implements ExportLineView {
  @ApiProperty() lineNumber!: number;
  @ApiProperty(DATE) exportDate!: string;
  @ApiProperty({ enum: ['exported', 'destroyed'] }) action!: string;
  @ApiProperty() exporter!: string;
  @ApiProperty({ type: String, nullable: true }) destinationCountry!: string | null;
  @ApiProperty() hts!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, nullable: true }) lotId!: string | null;
  @ApiProperty({ type: String, nullable: true }) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty() uom!: string;
  @ApiProperty(MONEY) value!: string;
}

export class ExportDetailDto extends ExportSummaryDto implements ExportDetail {
  @ApiProperty({ type: [ExportLineDto] }) lines!: ExportLineDto[];
}
