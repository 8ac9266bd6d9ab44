import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ClaimDetail, ClaimExportLineView, ClaimSummary, DesignationsSummary, UnmatchedView,
} from '@drawback/persistence';
import { DATE, PageDto, QUANTITY } from './common.dto';

const PROVISION = { enum: ['a', 'b', 'c', 'j1', 'j2'], example: 'a' };
const POLICY = {
  type: Object, example: { s232_identification: 'lot_or_heat', s232_substitution: 'excluded', lesser_of: 'per_bucket' },
  description: 'The policy settings in force: the rule version\'s defaults with those requested',
};

export class ClaimCreateRequestDto {
  @ApiProperty({ ...PROVISION, description: '19 U.S.C. 1313 provision: a, b, c, j1 or j2' }) provision!: string;
  @ApiPropertyOptional({ type: [String], example: ['EXP-3', 'EXP-4/2'], description: 'Export ids (all their lines) or ID/LINE; absent: every unclaimed export line in the date range' })
  exports?: string[];
  @ApiPropertyOptional({ ...DATE, description: 'First export date of the range' }) from?: string;
  @ApiPropertyOptional({ ...DATE, description: 'Last export date of the range' }) to?: string;
  @ApiPropertyOptional({ ...DATE, description: 'The filing date deadlines are tested against; today (UTC) when absent' }) asOf?: string;
  @ApiPropertyOptional({ type: Object, example: { s232_identification: 'lot_or_heat' }, description: 'Policy settings overriding the defaults' })
  policy?: Record<string, string>;
  @ApiPropertyOptional({ example: '12-3456789AB', description: 'Importer number; absent: the importer of the first entry stored' }) claimant?: string;
}

export class UnmatchedDto implements UnmatchedView {
  @ApiProperty({ example: 'EXP-3' }) exportId!: string;
  @ApiProperty({ example: 1 }) exportLine!: number;
  @ApiProperty({ ...QUANTITY, description: "Left unmatched, in the export line's unit" }) quantity!: string;
  @ApiProperty({ example: 'QUANTITY_EXHAUSTED', description: 'The first reason met (matching-and-estimates.md §5)' }) reason!: string;
}

export class ClaimCreatedDto {
  @ApiProperty({ format: 'uuid', description: 'Follows from claimant, provision, as-of date, policy, rule version and export lines' }) id!: string;
  @ApiProperty({ example: '12-3456789AB' }) claimant!: string;
  @ApiProperty(PROVISION) provision!: string;
  @ApiProperty(DATE) asOf!: string;
  @ApiProperty(POLICY) policy!: Record<string, string>;
  @ApiProperty({ example: '2026-11-24.5' }) ruleVersion!: string;
  @ApiProperty({ enum: ['draft'] }) status!: 'draft';
  @ApiProperty({ description: 'Designation rows recorded in the ledger' }) designations!: number;
  @ApiProperty({ type: [UnmatchedDto] }) unmatched!: UnmatchedDto[];
}

export class ClaimSummaryDto implements ClaimSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() claimant!: string;
  @ApiProperty(PROVISION) provision!: string;
  @ApiProperty(DATE) asOf!: string;
  @ApiProperty() ruleVersion!: string;
  @ApiProperty(POLICY) policy!: Record<string, string>;
  @ApiProperty({ enum: ['draft', 'filed'] }) status!: 'draft' | 'filed';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() exportLineCount!: number;
  @ApiProperty() designationCount!: number;
  @ApiProperty({ description: 'Export lines with quantity left unmatched' }) unmatchedCount!: number;
  @ApiProperty({ description: 'An estimate is stored (GET /claims/{id}/estimate)' }) estimated!: boolean;
}

export class ClaimPageDto extends PageDto {
  @ApiProperty({ type: [ClaimSummaryDto] }) items!: ClaimSummaryDto[];
}

class LineUnmatchedDto {
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty() reason!: string;
}

export class ClaimExportLineDto implements ClaimExportLineView {
  @ApiProperty() exportId!: string;
  @ApiProperty() lineNumber!: number;
  @ApiProperty(DATE) exportDate!: string;
  @ApiProperty({ enum: ['exported', 'destroyed'] }) action!: string;
  @ApiProperty({ type: String, nullable: true }) lotId!: string | null;
  @ApiProperty({ type: String, nullable: true }) heatNumber!: string | null;
  @ApiProperty(QUANTITY) quantity!: string;
  @ApiProperty() uom!: string;
  @ApiProperty() designationCount!: number;
  @ApiProperty({ type: LineUnmatchedDto, nullable: true }) unmatched!: LineUnmatchedDto | null;
}

class MethodCountDto {
  @ApiProperty({ enum: ['lot', 'heat', 'fifo', 'substitution'] }) method!: string;
  @ApiProperty() count!: number;
}

class DesignatedImportLineDto {
  @ApiProperty({ example: 'EX3-0000001-5' }) entryNumber!: string;
  @ApiProperty() lineNumber!: number;
  @ApiProperty() uom!: string;
  @ApiProperty({ ...QUANTITY, description: "Designated by this claim, in the import line's unit" }) quantity!: string;
}

export class DesignationsSummaryDto implements DesignationsSummary {
  @ApiProperty() count!: number;
  @ApiProperty({ type: [MethodCountDto] }) byMethod!: MethodCountDto[];
  @ApiProperty({ type: [DesignatedImportLineDto] }) importLines!: DesignatedImportLineDto[];
}

export class ClaimDetailDto extends ClaimSummaryDto implements ClaimDetail {
  @ApiProperty({ type: [ClaimExportLineDto] }) exportLines!: ClaimExportLineDto[];
  @ApiProperty({ type: DesignationsSummaryDto }) designations!: DesignationsSummaryDto;
  @ApiProperty({ type: [UnmatchedDto] }) unmatched!: UnmatchedDto[];
}
