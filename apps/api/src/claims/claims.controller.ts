import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse,
  ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RecordPackFiles } from '@drawback/application';
import { ClaimsRead } from '@drawback/persistence';
import { Access, CHANGE_DATA, READ } from '../access/access.decorator';
import { ActingServices } from '../access/acting-services';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { chooseClaimant } from '../access/claimant-choice';
import { ApiError } from '../http/api-error';
import { parsePage } from '../http/page-query';
import { ClaimCreatedDto, ClaimCreateRequestDto, ClaimDetailDto, ClaimPageDto } from '../openapi/claims.dto';
import { ErrorDto } from '../openapi/common.dto';
import { parseClaimRequest } from './claim-request';

/**
 * Claims: create (designates at once, in the ledger), list, read, mark filed, delete a draft (releases its
 * designations); each within the key's claimants.
 */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(
    @Inject(ActingServices) private readonly acting: ActingServices,
    @Inject(ClaimsRead) private readonly read: ClaimsRead,
    @Inject(RecordPackFiles) private readonly packs: RecordPackFiles,
  ) {}

  @Post()
  @Access(CHANGE_DATA)
  @ApiBody({ type: ClaimCreateRequestDto })
  @ApiCreatedResponse({ type: ClaimCreatedDto, description: 'Created as a draft, its export lines designated in the ledger' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: every bad field listed, an unknown or unsupported policy setting among them' })
  @ApiUnprocessableEntityResponse({
    type: ErrorDto,
    description: "CLAIM_REQUEST_INVALID: unknown or claimed exports, or a rule version whose default policy the engine does not support; every problem listed. CLAIMANT_INVALID: not one of the key's claimants, or none named by a key for several",
  })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: another claim took the export lines meanwhile' })
  async create(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<ClaimCreatedDto> {
    const request = parseClaimRequest(body);
    const claimant = chooseClaimant(caller, request.claimant);
    const claim = await this.acting.claims(caller).create({ ...request, ...(claimant ? { claimant } : {}) }, caller.claimants);
    return {
      id: claim.id, claimant: claim.claimant, provision: claim.provision, asOf: claim.asOf, policy: { ...claim.policy },
      ruleVersion: claim.ruleVersion, status: 'draft', designations: claim.result.designations.length,
      unmatched: claim.result.unmatched.map((u) => ({ exportId: u.exportId, exportLine: u.exportLine, quantity: u.quantity, reason: u.reason })),
    };
  }

  @Get()
  @Access(READ)
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1-500, default 50' })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ type: ClaimPageDto, description: 'Oldest first' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: limit or offset out of range, every bad one listed' })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<ClaimPageDto> {
    return this.read.list(parsePage(limit, offset), caller.claimants);
  }

  @Get(':id')
  @Access(READ)
  @ApiOkResponse({ type: ClaimDetailDto, description: 'The claim, its export lines and what it designated' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async find(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ClaimDetailDto> {
    const claim = await this.read.find(id, caller.claimants);
    if (!claim) throw ApiError.notFound('claim', id);
    return claim;
  }

  @Post(':id/filed')
  @Access(CHANGE_DATA)
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: ClaimDetailDto,
    description: 'Marked filed (it was filed with CBP): it can no longer be deleted, so its designations are never released; filed already, the same',
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  async markFiled(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ClaimDetailDto> {
    const outcome = await this.acting.claims(caller).markFiled(id, caller.claimants);
    const claim = outcome === 'not-found' ? null : await this.read.find(id, caller.claimants);
    if (!claim) throw ApiError.notFound('claim', id);
    return claim;
  }

  @Delete(':id')
  @Access(CHANGE_DATA)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted; its designations are released in the ledger, its estimate and record pack removed' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: only a draft claim can be deleted' })
  async remove(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<void> {
    switch (await this.acting.claims(caller).deleteDraft(id, caller.claimants)) {
      case 'not-found':
        throw ApiError.notFound('claim', id);
      case 'not-draft':
        throw new ApiError('CONFLICT', `claim ${id} is not a draft: only a draft claim can be deleted`);
      case 'deleted':
        // The same request would make a claim with the same id: its old pack must not be served for it.
        await this.packs.remove(id);
    }
  }
}
