import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CODES } from '../http/api-error';

/** One problem of a request: the field it is about and what is wrong with it. */
export class FieldProblemDto {
  @ApiProperty({ example: 'claimants' }) field!: string;
  @ApiProperty({ example: 'claimant "a b" is not an importer number' }) message!: string;
}

/** The details of 503 QUEUE_UNAVAILABLE: the job recorded, to be queued when a worker starts. */
export class JobRecordedDetailsDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
}

@ApiExtraModels(FieldProblemDto, JobRecordedDetailsDto)
export class ErrorDto {
  @ApiProperty({ enum: Object.keys(ERROR_CODES), example: 'NOT_FOUND' })
  code!: string;

  @ApiProperty({ example: 'entry EX-1 does not exist' })
  message!: string;

  // What the error filter sends (api-error.filter.ts): a list of field problems, or QUEUE_UNAVAILABLE's job.
  @ApiPropertyOptional({
    description: 'Every problem [{ field, message }] for VALIDATION_FAILED, RULE_DATA_INVALID, CLAIM_REQUEST_INVALID, '
      + 'KEY_REQUEST_INVALID, CLAIMANT_INVALID and PAYLOAD_TOO_LARGE; { jobId } for QUEUE_UNAVAILABLE; absent otherwise',
    oneOf: [
      { type: 'array', items: { $ref: getSchemaPath(FieldProblemDto) } },
      { $ref: getSchemaPath(JobRecordedDetailsDto) },
    ],
  })
  details?: FieldProblemDto[] | JobRecordedDetailsDto;
}

/** A page's bookkeeping; each list DTO adds its `items`. */
export class PageDto {
  @ApiProperty({ description: 'Items in the whole list, not only this page' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}

export const MONEY = { type: String, example: '100000.00', description: 'Money: a decimal string, never a number' };
export const QUANTITY = { type: String, example: '25000.000000', description: 'A decimal string' };
export const DATE = { type: String, format: 'date', example: '2026-05-10' };
