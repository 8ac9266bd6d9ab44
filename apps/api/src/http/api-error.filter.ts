import { rm } from 'node:fs/promises';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, PayloadTooLargeException } from '@nestjs/common';
import {
  ApiKeyRequestError, ClaimNotFoundError, ClaimRequestError, JobNotEnqueuedError, RuleDataError, UnknownRuleVersionError,
} from '@drawback/application';
import { ClaimConflictError, isDatabaseUnavailable, RuleVersionConflictError } from '@drawback/persistence';
import type { Request, Response } from 'express';
import { keyProblem } from '../keys/key-request';
import { ApiError, ERROR_CODES, ErrorBody, ErrorCode, FieldProblem, SPECIFIC_CODES } from './api-error';

/** Set by the upload storage: the folder of this request's upload, discarded if the request fails. */
export interface UploadRequest extends Request {
  uploadFolder?: string;
  /** Set once the request failed and its upload folder is being removed: the storage must write nothing more. */
  uploadDiscarded?: boolean;
  /**
   * The file of the upload being received (multipart files arrive one after the other), the size limit of one,
   * and the first file that passed it.
   */
  uploadReceiving?: { name: string; maxFileMb: number; tooLarge?: string };
}

/**
 * The client closed the connection before its request was received whole (an upload aborted mid-stream): no
 * fault of the server, and nobody is left to answer.
 */
export function clientAborted(request: Request): boolean {
  return !request.complete && (request.destroyed || request.socket?.destroyed === true);
}

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = Object.fromEntries(
  Object.entries(ERROR_CODES)
    .filter(([code]) => !SPECIFIC_CODES.includes(code as ErrorCode))
    .map(([code, status]) => [status, code as ErrorCode]),
);

/** The one place errors become HTTP: JSON `{ code, message, details? }` with a stable code. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<UploadRequest>();
    const response = http.getResponse<Response>();
    const aborted = clientAborted(request);
    const { status, body } = this.describe(exception, request);
    if (request.uploadFolder && !(exception instanceof JobNotEnqueuedError)) {
      // A failed upload leaves nothing behind, unless its job was recorded: that job still needs the folder.
      // The storage may still be opening a file of it: it checks the flag (upload-storage), and rm rescans.
      request.uploadDiscarded = true;
      await rm(request.uploadFolder, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 }).catch(() => undefined);
    }
    if (aborted) {
      this.logger.log(`${request.method} ${request.url}: the client closed the connection before the ${request.uploadFolder ? 'upload' : 'request'} `
        + 'was received whole; nothing is kept');
      return;
    }
    if (status >= 500) this.logger.error(`${request.method} ${request.url}: ${(exception as Error)?.stack ?? String(exception)}`);
    if (!response.headersSent) response.status(status).json(body);
  }

  private describe(exception: unknown, request: UploadRequest): { status: number; body: ErrorBody } {
    if (exception instanceof PayloadTooLargeException && request.uploadReceiving) {
      // Multer's own message is a bare "File too large": name the file and the limit.
      const { name, maxFileMb, tooLarge } = request.uploadReceiving;
      const message = `"${tooLarge ?? name}" is larger than the ${maxFileMb} MiB an uploaded file may hold (UPLOAD_MAX_FILE_MB); nothing is kept`;
      return { status: HttpStatus.PAYLOAD_TOO_LARGE, body: withDetails('PAYLOAD_TOO_LARGE', message, [{ field: 'files', message }]) };
    }
    if (exception instanceof ApiError) {
      return { status: exception.status, body: withDetails(exception.code, exception.message, exception.details) };
    }
    if (exception instanceof JobNotEnqueuedError) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: withDetails('QUEUE_UNAVAILABLE', 'the job is recorded but the queue is unavailable; it will be queued when a worker starts',
          { jobId: exception.jobId }),
      };
    }
    if (exception instanceof RuleDataError) {
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: withDetails('RULE_DATA_INVALID', `the rule data is refused with ${exception.problems.length} problem(s)`,
          exception.problems.map(fieldProblem)),
      };
    }
    if (exception instanceof ClaimRequestError) {
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: withDetails('CLAIM_REQUEST_INVALID', `the claim is refused with ${exception.problems.length} problem(s)`,
          exception.problems.map(claimProblem)),
      };
    }
    if (exception instanceof ApiKeyRequestError) {
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: withDetails('KEY_REQUEST_INVALID', `the key is refused with ${exception.problems.length} problem(s)`,
          exception.problems.map(keyProblem)),
      };
    }
    if (exception instanceof ClaimNotFoundError) {
      return { status: HttpStatus.NOT_FOUND, body: withDetails('NOT_FOUND', exception.message) };
    }
    if (exception instanceof RuleVersionConflictError || exception instanceof ClaimConflictError) {
      return { status: HttpStatus.CONFLICT, body: withDetails('CONFLICT', exception.message) };
    }
    if (exception instanceof UnknownRuleVersionError) {
      return { status: HttpStatus.NOT_FOUND, body: withDetails('NOT_FOUND', exception.message) };
    }
    if (isDatabaseUnavailable(exception)) {
      // An outage, not a fault of the request nor of the code: the client may try again (as /health says).
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: withDetails('SERVICE_UNAVAILABLE', 'the database is unavailable; try again later') };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
      return { status, body: withDetails(code, messageOf(exception)) };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: withDetails('INTERNAL_ERROR', 'internal error') };
  }
}

function withDetails(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { code, message } : { code, message, details };
}

/** A rule-data problem is `path: message`, or a message about the whole document. */
function fieldProblem(problem: string): FieldProblem {
  const match = /^([A-Za-z0-9_.[\]]+): (.*)$/s.exec(problem);
  return match ? { field: match[1], message: match[2] } : { field: '(document)', message: problem };
}

/** A claim problem names the request field it is about where it can be told from the message. */
function claimProblem(problem: string): FieldProblem {
  const policy = /^policy ([A-Za-z0-9_]+)/.exec(problem);
  if (policy) return { field: `policy.${policy[1]}`, message: problem };
  const field = /^provision/.test(problem) ? 'provision' : /^export /.test(problem) ? 'exports' : '(claim)';
  return { field, message: problem };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
