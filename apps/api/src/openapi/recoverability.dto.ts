import { ApiProperty } from '@nestjs/swagger';
import type { EntryRecoverability, LineDutyRecoverability, LineRecoverability, ProvisionTag } from '@drawback/persistence';
import type { BasisFinding } from '@drawback/rules';
import { BASIS_FINDING_CODES } from '@drawback/rules';
import { DATE, MONEY } from './common.dto';

export class ProvisionTagDto implements ProvisionTag {
  @ApiProperty({ enum: ['a', 'b', 'c', 'j1', 'j2'] }) provision!: string;
  @ApiProperty({ enum: ['recoverable', 'conditional', 'excluded'] }) status!: string;
  @ApiProperty({ example: 'MPF_HMF_NOT_MANUFACTURING' }) reason!: string;
  @ApiProperty({ example: 'MPF-HMF-NOT-MANUFACTURING' }) ruleId!: string;
  @ApiProperty({ example: '2026-11-24.5' }) ruleVersion!: string;
  @ApiProperty({ type: String, nullable: true }) citation!: string | null;
  @ApiProperty({ type: [String], description: 'Unverified rules and lists the decision rests on' }) unverified!: string[];
}

export class LineDutyRecoverabilityDto implements LineDutyRecoverability {
  @ApiProperty({ example: 'mpf' }) program!: string;
  @ApiProperty({ type: String, nullable: true }) heading!: string | null;
  @ApiProperty({ type: String, nullable: true }) metal!: string | null;
  @ApiProperty({ type: String, nullable: true }) s232Annex!: string | null;
  @ApiProperty({ enum: ['line', 'entry'], description: "entry: the line's share of an entry-level MPF/HMF" }) level!: 'line' | 'entry';
  @ApiProperty(MONEY) amount!: string;
  @ApiProperty({ type: String, nullable: true, example: '1.000000' }) share!: string | null;
  @ApiProperty({ ...MONEY, nullable: true }) entryAmount!: string | null;
  @ApiProperty({ type: [ProvisionTagDto], description: 'In provision order; empty until the version has tagged the duty' })
  provisions!: ProvisionTagDto[];
}

export class LineRecoverabilityDto implements LineRecoverability {
  @ApiProperty() lineNumber!: number;
  @ApiProperty({ example: '7208510030' }) hts!: string;
  @ApiProperty({ type: [LineDutyRecoverabilityDto] }) duties!: LineDutyRecoverabilityDto[];
}

export class EntryRecoverabilityDto implements EntryRecoverability {
  @ApiProperty({ example: 'EX3-0000001-5' }) entryNumber!: string;
  @ApiProperty(DATE) importDate!: string;
  @ApiProperty(DATE) entryDate!: string;
  @ApiProperty({ ...DATE, description: 'Import date + 5 years; the portfolio applies it at its as-of date, the tags do not' })
  claimDeadline!: string;
  @ApiProperty({ example: '2026-11-24.5' }) ruleVersion!: string;
  @ApiProperty({ description: 'False while a retag with this version is still to run' }) tagged!: boolean;
  @ApiProperty({ type: [LineRecoverabilityDto] }) lines!: LineRecoverabilityDto[];
}

export class BasisFindingDto implements BasisFinding {
  @ApiProperty({ enum: BASIS_FINDING_CODES }) code!: BasisFinding['code'];
  @ApiProperty() entryNumber!: string;
  @ApiProperty() lineNumber!: number;
  @ApiProperty({ type: String, nullable: true, description: 'What the basis implies' }) expected!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What was declared' }) declared!: string | null;
  @ApiProperty() message!: string;
}

export class EntryFindingsDto {
  @ApiProperty({ example: 'EX1-0000001-7' }) entryNumber!: string;
  @ApiProperty({ type: [BasisFindingDto], description: 'Section 232 basis findings (rules §3.3): reported, never a refusal' })
  findings!: BasisFindingDto[];
}
