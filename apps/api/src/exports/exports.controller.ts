import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ExportsRead } from '@drawback/persistence';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { parsePage } from '../http/page-query';
import { ErrorDto } from '../openapi/common.dto';
import { ExportDetailDto, ExportPageDto } from '../openapi/exports.dto';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(@Inject(ExportsRead) private readonly exports: ExportsRead) {}

  @Get()
  @Access(READ)
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1-500, default 50' })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ type: ExportPageDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: limit or offset out of range, every bad one listed' })
  list(@CurrentCaller() caller: Caller, @Query('limit') limit?: string, @Query('offset') offset?: string): Promise<ExportPageDto> {
    return this.exports.list(parsePage(limit, offset), caller.claimants);
  }

  @Get(':exportId')
  @Access(READ)
  @ApiOkResponse({ type: ExportDetailDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async find(@Param('exportId') exportId: string, @CurrentCaller() caller: Caller): Promise<ExportDetailDto> {
    const found = await this.exports.find(exportId, caller.claimants);
    if (!found) throw ApiError.notFound('export', exportId);
    return found;
  }
}
