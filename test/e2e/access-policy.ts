import { INestApplication } from '@nestjs/common';
import type { ApiRole } from '@drawback/persistence';

/**
 * Who may call each route, as the access-control suite expects it: written out here, not taken from the
 * application, so that changing a route's access is a change to this table too. A route the application
 * registers that is missing here fails the suite — that is what makes a new route without a decided
 * access impossible to merge unnoticed.
 */
export type RoutePolicy = 'public' | { roles: readonly ApiRole[]; everyClaimant?: true };

export const ROLES: readonly ApiRole[] = ['specialist', 'finance', 'auditor', 'admin'];
const EVERY_ROLE = { roles: ROLES };
const CHANGES_DATA = { roles: ['specialist', 'admin'] as const };
const ADMIN_ONLY = { roles: ['admin'] as const };

export const POLICY: Readonly<Record<string, RoutePolicy>> = {
  'GET /health': 'public',
  // The OpenAPI document and Swagger UI, served by @nestjs/swagger outside the controllers.
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/index.html': 'public',
  'GET /docs/LICENSE': 'public',
  'GET /docs/swagger-ui-init.js': 'public',
  'GET /docs/docs/swagger-ui-init.js': 'public',
  'GET /docs-json': 'public',
  'GET /docs-yaml': 'public',

  'GET /entries': EVERY_ROLE,
  'GET /entries/:entryNumber': EVERY_ROLE,
  'GET /entries/:entryNumber/recoverability': EVERY_ROLE,
  'GET /entries/:entryNumber/findings': EVERY_ROLE,
  'GET /entries/:entryNumber/lines/:line/ledger': EVERY_ROLE,
  'GET /exports': EVERY_ROLE,
  'GET /exports/:exportId': EVERY_ROLE,
  'GET /exports/:exportId/lines/:line/trace': EVERY_ROLE,
  'GET /production-orders': EVERY_ROLE,
  'GET /production-orders/:orderId': EVERY_ROLE,
  'GET /ingest-runs/:id': EVERY_ROLE,
  'GET /jobs/:id': EVERY_ROLE,
  'GET /claims': EVERY_ROLE,
  'GET /claims/:id': EVERY_ROLE,
  'GET /claims/:id/estimate': EVERY_ROLE,
  'GET /claims/:id/record-pack': EVERY_ROLE,
  'GET /portfolio': EVERY_ROLE,
  'GET /rules': EVERY_ROLE,
  'GET /rules/:version': EVERY_ROLE,
  // Computed and rolled back: it changes nothing.
  'POST /portfolio/what-if': EVERY_ROLE,

  'POST /datasets': CHANGES_DATA,
  'POST /claims': CHANGES_DATA,
  'DELETE /claims/:id': CHANGES_DATA,
  'POST /claims/:id/filed': CHANGES_DATA,
  'POST /claims/:id/estimate': CHANGES_DATA,
  'POST /claims/:id/record-pack': CHANGES_DATA,

  // Rule data decides every claimant's duties.
  'POST /rules': { ...ADMIN_ONLY, everyClaimant: true },
  'POST /rules/retag': { ...ADMIN_ONLY, everyClaimant: true },
  'POST /keys': { ...ADMIN_ONLY, everyClaimant: true },
  // interfaces.md: the auditor reads everything (the keys without their secrets) and changes nothing.
  'GET /keys': { roles: ['auditor', 'admin'], everyClaimant: true },
  'DELETE /keys/:id': { ...ADMIN_ONLY, everyClaimant: true },
  'GET /audit-events': { roles: ['auditor', 'admin'], everyClaimant: true },
};

export interface Route {
  method: string;
  path: string;
  /** `METHOD /path`, the key of POLICY. */
  name: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the application serves, read from its Express router: a new controller route shows up here by itself. */
export function registeredRoutes(app: INestApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) => {
    const route = layer.route;
    if (!route) return [];
    return Object.keys(route.methods).filter((method) => method !== '_all').map((method) => {
      const upper = method.toUpperCase();
      return { method: upper, path: route.path, name: `${upper} ${route.path}` };
    });
  });
}

/** Path parameters that name nothing stored: a route that lets a key through answers 404 (or a page), not 401/403. */
const SAMPLE: Readonly<Record<string, string>> = {
  id: '00000000-0000-4000-8000-000000000000',
  entryNumber: 'NO-SUCH-ENTRY',
  line: '1',
  exportId: 'NO-SUCH-EXPORT',
  orderId: 'NO-SUCH-ORDER',
  version: 'no-such-version',
};

export function samplePath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = SAMPLE[name];
    if (value === undefined) throw new Error(`no sample value for the path parameter :${name} (add one to SAMPLE)`);
    return encodeURIComponent(value);
  });
}
