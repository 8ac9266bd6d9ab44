import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TraceRead } from '@drawback/persistence';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { EntryNumberPipe } from '../http/entry-number';
import { parseLineNumber } from '../http/line-number';
import { ErrorDto } from '../openapi/common.dto';
import { ExportLineTraceDto, ImportLineLedgerDto } from '../openapi/trace.dto';

/** Where each quantity went: an export line down to import lines, and an import line's ledger. */
@ApiTags('trace')
@ApiBearerAuth()
@Controller()
export class TraceController {
  constructor(@Inject(TraceRead) private readonly trace: TraceRead) {}

  @Get('exports/:exportId/lines/:line/trace')
  @Access(READ)
  @ApiOkResponse({ type: ExportLineTraceDto, description: 'Its claim, its designations with their paths to import lines, its unmatched quantity' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: the line is not a line number' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async exportLine(@Param('exportId') exportId: string, @Param('line') line: string, @CurrentCaller() caller: Caller): Promise<ExportLineTraceDto> {
    const found = await this.trace.exportLine(exportId, parseLineNumber(line), caller.claimants);
    if (!found) throw ApiError.notFound('export line', `${exportId}/${line}`);
    return found;
  }

  @Get('entries/:entryNumber/lines/:line/ledger')
  @Access(READ)
  @ApiOkResponse({ type: ImportLineLedgerDto, description: 'Its quantity, what claims designated of it and where, what is left' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: the line is not a line number' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async importLine(@Param('entryNumber', EntryNumberPipe) entryNumber: string, @Param('line') line: string, @CurrentCaller() caller: Caller): Promise<ImportLineLedgerDto> {
    const found = await this.trace.importLine(entryNumber, parseLineNumber(line), caller.claimants);
    if (!found) throw ApiError.notFound('import line', `${entryNumber}/${line}`);
    return found;
  }
}
