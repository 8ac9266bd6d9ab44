import { ApiProperty } from '@nestjs/swagger';
import type {
  ExportLineTrace, ImportLineLedger, LedgerDesignation, LedgerReceipt, TracedDesignation,
} from '@drawback/persistence';
import { DATE, QUANTITY } from './common.dto';

const METHOD = { enum: ['lot', 'heat', 'fifo', 'substitution'] };
const NULLABLE = { type: String, nullable: true };
const QUANTITY_EXACT = {
  type: String, nullable: true, example: '1/3',
  description: 'The exact fraction a quantity traced through manufacturing was rounded from (to 24 places); null when `quantity` is exact',
};

export class TracedDesignationDto implements TracedDesignation {
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty({ example: 'EX3-0000001-5' }) entryNumber!: string;
  @ApiProperty() entryLine!: number;
  @ApiProperty(NULLABLE) lotId!: string | null;
  @ApiProperty(NULLABLE) heatNumber!: string | null;
  @ApiProperty({ ...QUANTITY, description: "In the import line's unit" }) quantity!: string;
  @ApiProperty(QUANTITY_EXACT) quantityExact!: string | null;
  @ApiProperty(METHOD) method!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['01', '02'], description: 'ACE accounting code' }) aceCode!: string | null;
  @ApiProperty({
    type: [String], example: ['export:EXP-3/1', 'lot:FG-1', 'order:PO-1', 'lot:L-PLATE', 'heat:H1', 'entry:EX3-0000001-5/1'],
    description: 'The path from the export line through production orders and lots/heats to the import line',
  })
  trace!: string[];
}

class TraceClaimDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() provision!: string;
  @ApiProperty({ enum: ['draft', 'filed'] }) status!: string;
  @ApiProperty(DATE) asOf!: string;
}

class TraceUnmatchedDto {
  @ApiProperty({ ...QUANTITY, description: "In the export line's unit" }) quantity!: string;
  @ApiProperty({ example: 'QUANTITY_EXHAUSTED' }) reason!: string;
}

export class ExportLineTraceDto implements ExportLineTrace {
  @ApiProperty() exportId!: string;
  @ApiProperty() lineNumber!: number;
  @ApiProperty(DATE) exportDate!: string;
  @ApiProperty({ enum: ['exported', 'destroyed'] }) action!: string;
  @ApiProperty(NULLABLE) lotId!: string | null;
  @ApiProperty(NULLABLE) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty() uom!: string;
  @ApiProperty({ type: TraceClaimDto, nullable: true, description: 'The claim the line belongs to (at most one)' }) claim!: TraceClaimDto | null;
  @ApiProperty({ type: [TracedDesignationDto] }) designations!: TracedDesignationDto[];
  @ApiProperty({ type: TraceUnmatchedDto, nullable: true }) unmatched!: TraceUnmatchedDto | null;
}

export class LedgerReceiptDto implements LedgerReceipt {
  @ApiProperty() lotId!: string;
  @ApiProperty(NULLABLE) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty(QUANTITY) designated!: string;
  @ApiProperty({ ...QUANTITY, description: 'Left of the receipt, never more than is left of its import line' }) available!: string;
}

export class LedgerDesignationDto implements LedgerDesignation {
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty({ enum: ['draft', 'filed'] }) claimStatus!: string;
  @ApiProperty() exportId!: string;
  @ApiProperty() exportLine!: number;
  @ApiProperty(NULLABLE) lotId!: string | null;
  @ApiProperty(NULLABLE) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty(QUANTITY_EXACT) quantityExact!: string | null;
  @ApiProperty(METHOD) method!: string;
  @ApiProperty({
    type: [String], example: ['export:EXP-3/1', 'lot:FG-1', 'order:PO-1', 'lot:L-PLATE', 'heat:H1', 'entry:EX3-0000001-5/1'],
    description: 'The trace of the import line: the path from the export line through production orders and lots/heats to it',
  })
  trace!: string[];
}

export class ImportLineLedgerDto implements ImportLineLedger {
  @ApiProperty({ example: 'EX3-0000001-5' }) entryNumber!: string;
  @ApiProperty() lineNumber!: number;
  @ApiProperty() hts!: string;
  @ApiProperty() uom!: string;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty({ ...QUANTITY, description: 'Designated by every claim so far' }) designated!: string;
  @ApiProperty(QUANTITY) available!: string;
  @ApiProperty({ type: [LedgerReceiptDto] }) receipts!: LedgerReceiptDto[];
  @ApiProperty({ type: [LedgerDesignationDto] }) designations!: LedgerDesignationDto[];
}
