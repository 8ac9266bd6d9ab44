import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { ApiError } from '../http/api-error';
import { accessPolicyOf } from './access.guard';
import { CallerRequest } from './caller.decorator';

/**
 * The rate limit, per key over every route (RATE_LIMIT_PER_MINUTE): it runs after the access guard, which
 * put the caller on the request. Public routes (`/health`, polled by orchestrators) are not limited.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return accessPolicyOf(this.reflector, context)?.public === true;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const caller = (request as unknown as CallerRequest).caller;
    return caller ? `key:${caller.keyId}` : `ip:${String(request.ip)}`;
  }

  /** One counter per key, not one per key and route (the default). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ApiError('RATE_LIMITED', `more than ${detail.limit} requests a minute with this key: retry after ${detail.timeToBlockExpire} s`);
  }
}
