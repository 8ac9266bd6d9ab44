import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ApiRole } from '@drawback/persistence';
import { ErrorDto } from '../openapi/common.dto';

export const ACCESS_POLICY = 'drawback:access';

/** Who may call a route: nobody's key needed, or a key of one of the roles (and, for some, for every claimant). */
export type AccessPolicy =
  | { public: true }
  | { public: false; roles: readonly ApiRole[]; everyClaimant: boolean };

/** Reading stored data and rule data: every role, each within its claimants. */
export const READ: readonly ApiRole[] = ['specialist', 'finance', 'auditor', 'admin'];
/** Bringing data, making and deleting claims, asking for estimates and record packs. */
export const CHANGE_DATA: readonly ApiRole[] = ['specialist', 'admin'];
/** Rule data and keys. */
export const ADMIN: readonly ApiRole[] = ['admin'];
/** The audit trail. */
export const AUDIT: readonly ApiRole[] = ['auditor', 'admin'];

/**
 * The roles that may call this route. Every route declares its access with this or @Public(): the guard
 * refuses a route that declares neither (500), so a forgotten declaration cannot leave a route open.
 * The OpenAPI document lists the answers the access guard and the rate limit give on such a route.
 */
export const Access = (roles: readonly ApiRole[], options: { everyClaimant?: boolean } = {}) =>
  applyDecorators(
    SetMetadata<string, AccessPolicy>(ACCESS_POLICY, { public: false, roles, everyClaimant: options.everyClaimant ?? false }),
    ApiUnauthorizedResponse({ type: ErrorDto, description: 'UNAUTHENTICATED: no key, or an unknown, malformed or revoked one' }),
    ApiForbiddenResponse({
      type: ErrorDto,
      description: `FORBIDDEN: a key of another role than ${roles.join(', ')}${options.everyClaimant ? ', or not for every claimant (*)' : ''}`,
    }),
    ApiTooManyRequestsResponse({ type: ErrorDto, description: "RATE_LIMITED: past RATE_LIMIT_PER_MINUTE of this key's requests" }),
  );

/** A route anyone may call without a key (`/health`). */
export const Public = () => SetMetadata<string, AccessPolicy>(ACCESS_POLICY, { public: true });
