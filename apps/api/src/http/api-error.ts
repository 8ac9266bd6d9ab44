import { HttpStatus } from '@nestjs/common';

/** The stable error codes of the API; clients switch on these, never on messages. */
export const ERROR_CODES = {
  NOT_FOUND: HttpStatus.NOT_FOUND,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  RULE_DATA_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  CLAIM_REQUEST_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  CLAIMANT_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  KEY_REQUEST_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  QUEUE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes that name one cause, never given to a bare HTTP status the framework raised. */
export const SPECIFIC_CODES: readonly ErrorCode[] = [
  'QUEUE_UNAVAILABLE', 'RULE_DATA_INVALID', 'CLAIM_REQUEST_INVALID', 'CLAIMANT_INVALID', 'KEY_REQUEST_INVALID',
];

export interface FieldProblem {
  field: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An error the API means to return, with its code; the filter turns it into the response. */
export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError('NOT_FOUND', `${what} ${id} does not exist`);
  }

  /** Every field problem at once, never only the first. */
  static validation(problems: FieldProblem[]): ApiError {
    return new ApiError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}
