import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { JobRequester } from '@drawback/application';
import type { ApiRole, ClaimantScope } from '@drawback/persistence';
import type { Request } from 'express';

/** The key a request came with, as the access guard found it. */
export interface Caller {
  keyId: string;
  role: ApiRole;
  /** Its claimants; null: every claimant. */
  claimants: ClaimantScope;
  /** Who the audit trail names: `key:<id>`. */
  actor: string;
}

export interface CallerRequest extends Request {
  caller?: Caller;
}

/** The caller of a route that needs a key (never of a @Public one). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<CallerRequest>().caller;
  if (!caller) throw new Error('no caller: the route is public or the access guard did not run');
  return caller;
});

/** The caller as a job's requester: its key goes on the job row. */
export function requesterOf(caller: Caller): JobRequester {
  return { apiKeyId: caller.keyId, claimants: caller.claimants };
}
