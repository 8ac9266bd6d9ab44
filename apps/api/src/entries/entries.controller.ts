import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EntriesRead } from '@drawback/persistence';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { EntryNumberPipe } from '../http/entry-number';
import { parsePage } from '../http/page-query';
import { ErrorDto } from '../openapi/common.dto';
import { EntryDetailDto, EntryPageDto } from '../openapi/entries.dto';

@ApiTags('entries')
@ApiBearerAuth()
@Controller('entries')
export class EntriesController {
  constructor(@Inject(EntriesRead) private readonly entries: EntriesRead) {}

  @Get()
  @Access(READ)
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1-500, default 50' })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ type: EntryPageDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: limit or offset out of range, every bad one listed' })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<EntryPageDto> {
    return this.entries.list(parsePage(limit, offset), caller.claimants);
  }

  @Get(':entryNumber')
  @Access(READ)
  @ApiOkResponse({ type: EntryDetailDto, description: "The entry's lines, each with its duty buckets and receipts" })
  @ApiNotFoundResponse({ type: ErrorDto })
  async find(@Param('entryNumber', EntryNumberPipe) entryNumber: string, @CurrentCaller() caller: Caller): Promise<EntryDetailDto> {
    const entry = await this.entries.find(entryNumber, caller.claimants);
    if (!entry) throw ApiError.notFound('entry', entryNumber);
    return entry;
  }
}
