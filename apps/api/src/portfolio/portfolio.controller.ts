import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RecoverabilityService } from '@drawback/application';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ErrorDto } from '../openapi/common.dto';
import { PortfolioDto, WhatIfRequestDto } from '../openapi/portfolio.dto';
import { parseAsOf, parseWhatIf } from './portfolio-request';

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller('portfolio')
export class PortfolioController {
  constructor(@Inject(RecoverabilityService) private readonly recoverability: RecoverabilityService) {}

  @Get()
  @Access(READ)
  @ApiQuery({ name: 'asOf', required: false, type: String, description: 'YYYY-MM-DD; today (UTC) when absent' })
  @ApiOkResponse({ type: PortfolioDto, description: "What `drawback portfolio --json` prints over the key's claimants' entries: the active rule version, as tagged" })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: asOf is not a date' })
  portfolio(@CurrentCaller() caller: Caller, @Query('asOf') asOf?: string): Promise<PortfolioDto> {
    return this.recoverability.portfolio(parseAsOf(asOf), caller.claimants);
  }

  @Post('what-if')
  // It changes nothing (computed and rolled back): every role may ask.
  @Access(READ)
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: WhatIfRequestDto })
  @ApiOkResponse({ type: PortfolioDto, description: 'The portfolio under the proposal (whatIf: true); computed and rolled back, nothing saved' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: every bad field listed' })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'RULE_DATA_INVALID: the proposed rule data, every problem listed' })
  whatIf(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<PortfolioDto> {
    const request = parseWhatIf(body);
    return this.recoverability.whatIf(request.asOf, { document: request.rules, policy: request.policy }, caller.claimants);
  }
}
