import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Portfolio } from '@drawback/application';
import type { DeadlineWindow, PortfolioRow } from '@drawback/persistence';
import type { PolicySettings } from '@drawback/rules';
import { DATE, MONEY } from './common.dto';

const PROVISION = { enum: ['a', 'b', 'c', 'j1', 'j2'], example: 'j1' };
const STATUS = { enum: ['recoverable', 'conditional', 'excluded'] };

export class PolicyDto implements PolicySettings {
  @ApiProperty({ enum: ['lot_or_heat', 'any_direct_id'] }) s232_identification!: PolicySettings['s232_identification'];
  @ApiProperty({ enum: ['excluded', 'allowed'] }) s232_substitution!: PolicySettings['s232_substitution'];
  @ApiProperty({ enum: ['per_bucket'] }) lesser_of!: PolicySettings['lesser_of'];
}

export class PolicyOverridesDto implements Partial<PolicySettings> {
  @ApiPropertyOptional({ enum: ['lot_or_heat', 'any_direct_id'] }) s232_identification?: PolicySettings['s232_identification'];
  @ApiPropertyOptional({ enum: ['excluded', 'allowed'] }) s232_substitution?: PolicySettings['s232_substitution'];
  @ApiPropertyOptional({ enum: ['per_bucket'] }) lesser_of?: PolicySettings['lesser_of'];
}

export class PortfolioRulesDto {
  @ApiProperty({ example: '2026-11-24.5' }) version!: string;
  @ApiProperty({ type: [String], description: 'Unverified rules and lists the figures rest on (rules note §6)' }) unverified!: string[];
}

export class ProvisionTotalsDto {
  @ApiProperty(PROVISION) provision!: string;
  @ApiProperty(MONEY) recoverable!: string;
  @ApiProperty(MONEY) conditional!: string;
  @ApiProperty(MONEY) excluded!: string;
  @ApiProperty({ ...MONEY, description: 'Every line duty, whatever its status: equals dutyOnLines' }) total!: string;
}

export class PortfolioRowDto implements PortfolioRow {
  @ApiProperty({ example: 's232' }) program!: string;
  @ApiProperty(PROVISION) provision!: string;
  @ApiProperty(STATUS) status!: string;
  @ApiProperty({ example: 'S232_NO_DRAWBACK' }) reason!: string;
  @ApiProperty(MONEY) amount!: string;
}

export class DeadlineWindowDto implements DeadlineWindow {
  @ApiProperty({ example: 90 }) withinDays!: number;
  @ApiProperty({ description: 'Entry lines whose five-year deadline falls in the window' }) entryLines!: number;
  @ApiProperty(MONEY) amount!: string;
}

export class PortfolioDto implements Portfolio {
  @ApiProperty(DATE) asOf!: string;
  @ApiProperty({ type: PortfolioRulesDto }) rules!: PortfolioRulesDto;
  @ApiProperty({ type: PolicyDto }) policy!: PolicyDto;
  @ApiProperty({ description: 'True for a what-if: computed under a proposed version or policy, nothing saved' }) whatIf!: boolean;
  @ApiProperty({ ...MONEY, description: 'Duty, taxes and fees as declared (entry-level fees whole)' }) dutyDeclared!: string;
  @ApiProperty({ ...MONEY, description: 'The same, with entry-level fees as their apportioned line shares' }) dutyOnLines!: string;
  @ApiProperty({ type: [ProvisionTotalsDto] }) byProvision!: ProvisionTotalsDto[];
  @ApiProperty({ type: [PortfolioRowDto], description: 'Amounts by program × provision × status × reason' }) rows!: PortfolioRowDto[];
  @ApiProperty({ type: [DeadlineWindowDto] }) deadlines!: DeadlineWindowDto[];
}

export class WhatIfRequestDto {
  @ApiPropertyOptional({ ...DATE, description: 'Today (UTC) when absent' }) asOf?: string;
  @ApiPropertyOptional({ type: Object, description: 'A proposed rule-data document (libs/rules/rule-data.schema.json); the active version when absent' })
  rules?: Record<string, unknown>;
  @ApiPropertyOptional({ type: PolicyOverridesDto, description: "Settings that replace the rule version's policy defaults" })
  policy?: PolicyOverridesDto;
}
