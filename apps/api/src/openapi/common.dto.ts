import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from '../http/api-error';

export class ErrorDto {
  @ApiProperty({ enum: Object.keys(ERROR_CODES), example: 'NOT_FOUND' })
  code!: string;

  @ApiProperty({ example: 'entry EX-1 does not exist' })
  message!: string;

  @ApiPropertyOptional({ description: 'For VALIDATION_FAILED, every field problem: [{ field, message }]' })
  details?: unknown;
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
