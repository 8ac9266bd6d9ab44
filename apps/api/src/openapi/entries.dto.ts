import { ApiProperty } from '@nestjs/swagger';
import type { DutyBucketView, EntryDetail, EntryLineView, EntrySummary, ReceiptView } from '@drawback/persistence';
import { DATE, MONEY, PageDto, QUANTITY } from './common.dto';

export class EntrySummaryDto implements EntrySummary {
  @ApiProperty({ example: 'EX3-0000001-5' }) entryNumber!: string;
  @ApiProperty({ example: '01' }) entryType!: string;
  @ApiProperty() importerNumber!: string;
  @ApiProperty(DATE) importDate!: string;
  @ApiProperty(DATE) entryDate!: string;
  @ApiProperty() portCode!: string;
  @ApiProperty() lineCount!: number;
  @ApiProperty(MONEY) enteredValue!: string;
}

export class EntryPageDto extends PageDto {
  @ApiProperty({ type: [EntrySummaryDto] }) items!: EntrySummaryDto[];
}

export class DutyBucketDto implements DutyBucketView {
  @ApiProperty({ example: 's232' }) program!: string;
  @ApiProperty({ type: String, nullable: true, example: '9903.82.02' }) heading!: string | null;
  @ApiProperty({ type: String, nullable: true }) metal!: string | null;
  @ApiProperty({ type: String, nullable: true }) s232Annex!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '50.0000' }) rate!: string | null;
  @ApiProperty({ type: String, nullable: true }) basis!: string | null;
  @ApiProperty({ ...MONEY, nullable: true }) basisValue!: string | null;
  @ApiProperty({ ...MONEY, description: "The line's amount; for an entry-level fee, the line's apportioned share" })
  amount!: string;
  @ApiProperty({ enum: ['line', 'entry'], description: 'entry: an entry-level MPF/HMF apportioned to the line' })
  level!: 'line' | 'entry';
  @ApiProperty({ type: String, nullable: true, example: '1.000000', description: 'Share of the entry-level fee' })
  share!: string | null;
  @ApiProperty({ ...MONEY, nullable: true, description: 'The whole entry-level fee' }) entryAmount!: string | null;
}

export class ReceiptDto implements ReceiptView {
  @ApiProperty() lotId!: string;
  @ApiProperty({ type: String, nullable: true }) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
}

export class EntryLineDto implements EntryLineView {
  @ApiProperty() lineNumber!: number;
  @ApiProperty({ example: '7208510030' }) hts!: string;
  @ApiProperty() description!: string;
  @ApiProperty() countryOfOrigin!: string;
  @ApiProperty(MONEY) enteredValue!: string;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty() uom!: string;
  @ApiProperty({ type: String, nullable: true }) spi!: string | null;
  @ApiProperty({ type: String, nullable: true }) meltPourCountry!: string | null;
  @ApiProperty({ type: String, nullable: true }) smeltPrimaryCountry!: string | null;
  @ApiProperty({ type: String, nullable: true }) smeltSecondaryCountry!: string | null;
  @ApiProperty({ type: String, nullable: true }) castCountry!: string | null;
  @ApiProperty({ type: String, nullable: true }) adcvdCase!: string | null;
  @ApiProperty() ieepaRefundClaimed!: boolean;
  @ApiProperty({ type: [DutyBucketDto] }) dutyBuckets!: DutyBucketDto[];
  @ApiProperty({ type: [ReceiptDto] }) receipts!: ReceiptDto[];
}

export class EntryDetailDto extends EntrySummaryDto implements EntryDetail {
  @ApiProperty({ type: [EntryLineDto] }) lines!: EntryLineDto[];
}
