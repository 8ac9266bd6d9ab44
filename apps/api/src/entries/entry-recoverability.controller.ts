import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BasisFindingsService, RecoverabilityService } from '@drawback/application';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { EntryNumberPipe } from '../http/entry-number';
import { ErrorDto } from '../openapi/common.dto';
import { EntryFindingsDto, EntryRecoverabilityDto } from '../openapi/recoverability.dto';

/** What the rules make of a stored entry: its recoverability view and its Section 232 basis findings. */
@ApiTags('entries')
@ApiBearerAuth()
@Controller('entries')
export class EntryRecoverabilityController {
  constructor(
    @Inject(RecoverabilityService) private readonly recoverability: RecoverabilityService,
    @Inject(BasisFindingsService) private readonly basisFindings: BasisFindingsService,
  ) {}

  @Get(':entryNumber/recoverability')
  @Access(READ)
  @ApiQuery({ name: 'version', required: false, type: String, description: 'A stored rule version; the active one when absent' })
  @ApiOkResponse({ type: EntryRecoverabilityDto, description: 'Each line duty with its status, reason and rule under each provision' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such entry, or no such rule version' })
  async recoverabilityOf(
    @Param('entryNumber', EntryNumberPipe) entryNumber: string, @CurrentCaller() caller: Caller, @Query('version') version?: string,
  ): Promise<EntryRecoverabilityDto> {
    const view = await this.recoverability.entry(entryNumber, version || undefined, caller.claimants);
    if (!view) throw ApiError.notFound('entry', entryNumber);
    return view;
  }

  @Get(':entryNumber/findings')
  @Access(READ)
  @ApiOkResponse({ type: EntryFindingsDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async findingsOf(@Param('entryNumber', EntryNumberPipe) entryNumber: string, @CurrentCaller() caller: Caller): Promise<EntryFindingsDto> {
    const findings = await this.basisFindings.ofEntry(entryNumber, caller.claimants);
    if (!findings) throw ApiError.notFound('entry', entryNumber);
    return { entryNumber, findings };
  }
}
