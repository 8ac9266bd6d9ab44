import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '@drawback/persistence';
import { Access, AUDIT } from '../access/access.decorator';
import { ApiError, FieldProblem } from '../http/api-error';
import { AuditEventPageDto } from '../openapi/access.dto';
import { ErrorDto } from '../openapi/common.dto';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/**
 * The audit trail, read only. It names every claimant's subjects, so it is for auditor and admin keys for
 * every claimant.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  @Get()
  @Access(AUDIT, { everyClaimant: true })
  @ApiQuery({ name: 'subject', required: false, type: String, description: 'e.g. claim:<id>, api_key:<id>, rule_version:<v>' })
  @ApiQuery({ name: 'after', required: false, type: String, description: 'Only events after this event id (paging)' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1-${MAX_LIMIT}, default ${DEFAULT_LIMIT}` })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: every bad parameter listed' })
  async list(@Query('subject') subject?: string, @Query('after') after?: string, @Query('limit') limit?: string): Promise<AuditEventPageDto> {
    const problems: FieldProblem[] = [];
    if (after !== undefined && after !== '' && !/^[0-9]{1,18}$/.test(after)) problems.push({ field: 'after', message: 'must be an event id' });
    const size = limit === undefined || limit === '' ? DEFAULT_LIMIT : /^[0-9]{1,4}$/.test(limit) ? Number.parseInt(limit, 10) : 0;
    if (size < 1 || size > MAX_LIMIT) problems.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
    if (problems.length > 0) throw ApiError.validation(problems);
    const items = await this.audit.list({ subject: subject || undefined, afterId: after || undefined, limit: size });
    return { items, nextAfter: items.length === size ? items[items.length - 1].id : null };
  }
}
