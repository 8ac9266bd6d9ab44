import { ApiProperty } from '@nestjs/swagger';
import type { RulesOverview, UnverifiedList, UnverifiedRule } from '@drawback/application';
import type { RuleVersionSummary } from '@drawback/persistence';
import { PolicyDto } from './portfolio.dto';

export class UnverifiedRuleDto implements UnverifiedRule {
  @ApiProperty({ example: 'MPF-HMF-NOT-MANUFACTURING' }) id!: string;
  @ApiProperty({ type: [String] }) programs!: UnverifiedRule['programs'];
  @ApiProperty({ type: [String] }) provisions!: UnverifiedRule['provisions'];
  @ApiProperty({ enum: ['recoverable', 'conditional', 'excluded'] }) status!: UnverifiedRule['status'];
  @ApiProperty() reason!: string;
  @ApiProperty() citation!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class UnverifiedListDto implements UnverifiedList {
  @ApiProperty({ example: 'S232-P11021-PARTNERS' }) id!: string;
  @ApiProperty() citation!: string;
  @ApiProperty({ type: [String] }) values!: string[];
}

export class UnverifiedDto {
  @ApiProperty({ type: [UnverifiedRuleDto] }) rules!: UnverifiedRuleDto[];
  @ApiProperty({ type: [UnverifiedListDto] }) lists!: UnverifiedListDto[];
}

export class RuleVersionSummaryDto implements RuleVersionSummary {
  @ApiProperty({ example: '2026-11-24.5' }) version!: string;
  @ApiProperty({ description: 'SHA-256 of the document as loaded' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) loadedAt!: string;
  @ApiProperty() active!: boolean;
}

export class RulesOverviewDto implements RulesOverview {
  @ApiProperty({ example: '2026-11-24.5', description: 'The version new tags and claims are made with' }) active!: string;
  @ApiProperty({ type: UnverifiedDto, description: 'Rules and lists of the active version marked verified: false' })
  unverified!: UnverifiedDto;
  @ApiProperty({ type: PolicyDto }) policyDefaults!: PolicyDto;
  @ApiProperty({ type: [RuleVersionSummaryDto], description: 'Every stored version, oldest first' }) versions!: RuleVersionSummaryDto[];
}

export class RuleVersionLoadedDto {
  @ApiProperty({ example: '2026-12-01.1' }) version!: string;
  @ApiProperty({ description: 'False when this very document was stored already (it is active again)' }) created!: boolean;
}

export class JobAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Poll GET /jobs/{jobId}' }) jobId!: string;
}
