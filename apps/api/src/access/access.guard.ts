import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyService } from '@drawback/application';
import type { Response } from 'express';
import { ApiError } from '../http/api-error';
import { ACCESS_POLICY, AccessPolicy } from './access.decorator';
import { CallerRequest } from './caller.decorator';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The access policy a route declares; undefined when it declares none. */
export function accessPolicyOf(reflector: Reflector, context: ExecutionContext): AccessPolicy | undefined {
  return reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, context.getHandler());
}

/**
 * The global guard (APP_GUARD): a route that declares no access is refused loudly; otherwise the bearer key
 * must be known, not revoked and of a role the route allows. The caller it finds goes on the request.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const policy = accessPolicyOf(this.reflector, context);
    if (!policy) throw new ApiError('INTERNAL_ERROR', `${route} declares no access (@Access or @Public): refused until it does`);
    if (policy.public) return true;
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const key = bearer ? await this.keys.authenticate(bearer) : null;
    if (!key) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      // One answer for a missing, malformed, unknown or revoked key: which it was is nobody's business.
      throw new ApiError('UNAUTHENTICATED', 'a valid API key is required: Authorization: Bearer <key>');
    }
    request.caller = { keyId: key.id, role: key.role, claimants: key.claimants, actor: `key:${key.id}` };
    if (!policy.roles.includes(key.role)) {
      throw new ApiError('FORBIDDEN', `${route} is for ${policy.roles.join(', ')} keys, not ${key.role}`);
    }
    if (policy.everyClaimant && key.claimants !== null) {
      throw new ApiError('FORBIDDEN', `${route} spans every claimant: it needs a key for every claimant (*)`);
    }
    return true;
  }
}
