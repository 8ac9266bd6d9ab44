import { Controller, Get, INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiKeyService, AuthenticatedKey } from '@drawback/application';
import { ApiErrorFilter } from '../http/api-error.filter';
import { Access, Public } from './access.decorator';
import { AccessGuard } from './access.guard';
import { Caller, CurrentCaller } from './caller.decorator';

@Controller()
class ProbeController {
  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }

  @Get('for-admins')
  @Access(['admin'])
  forAdmins(@CurrentCaller() caller: Caller) {
    return caller;
  }

  @Get('everyone-admin')
  @Access(['admin'], { everyClaimant: true })
  everyClaimant() {
    return { ok: true };
  }

  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

const KEYS: Record<string, AuthenticatedKey> = {
  'admin-key': { id: 'k1', name: 'admin', role: 'admin', claimants: null },
  'admin-of-a': { id: 'k2', name: 'admin of A', role: 'admin', claimants: ['12-3456789AB'] },
  'finance-key': { id: 'k3', name: 'finance', role: 'finance', claimants: null },
};

describe(AccessGuard.name, () => {
  let app: INestApplication;
  const get = (path: string, key?: string) => {
    const test = request(app.getHttpServer()).get(path);
    return key ? test.set('Authorization', `Bearer ${key}`) : test;
  };

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      controllers: [ProbeController],
      providers: [
        { provide: ApiKeyService, useValue: { authenticate: async (bearer: string) => KEYS[bearer] ?? null } },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    }).compile();
    app = module.createNestApplication({ logger: false });
    app.useGlobalFilters(new ApiErrorFilter());
    await app.init();
  });
  afterAll(() => app.close());

  it('refuses a route that declares no access, with or without a key, rather than serve it', async () => {
    for (const key of [undefined, 'admin-key']) {
      const response = await get('/forgotten', key).expect(500);
      expect(response.body).toEqual({ code: 'INTERNAL_ERROR', message: 'GET /forgotten declares no access (@Access or @Public): refused until it does' });
    }
  });

  it('serves a public route without a key', async () => {
    await get('/open').expect(200, { ok: true });
  });

  it('answers 401 without a valid key, 403 to a role the route does not allow, and passes the caller on', async () => {
    expect((await get('/for-admins').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await get('/for-admins', 'stolen').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await get('/for-admins', 'finance-key').expect(403)).body.code).toBe('FORBIDDEN');
    expect((await get('/for-admins', 'admin-key').expect(200)).body).toEqual({ keyId: 'k1', role: 'admin', claimants: null, actor: 'key:k1' });
  });

  it('keeps a route for every claimant from a key limited to some', async () => {
    await get('/everyone-admin', 'admin-key').expect(200);
    expect((await get('/everyone-admin', 'admin-of-a').expect(403)).body.message).toMatch(/every claimant/);
  });
});
