import { ApiKeyRequestError } from '@drawback/application';
import { ApiError } from '../http/api-error';
import { parseKeyRequest } from './key-request';

function refusalOf(body: unknown): unknown {
  try {
    parseKeyRequest(body);
  } catch (error) {
    return error;
  }
  throw new Error('accepted');
}

describe(parseKeyRequest.name, () => {
  it('takes a name, a role and claimants', () => {
    expect(parseKeyRequest({ name: 'finance at A', role: 'finance', claimants: ['12-3456789AB'] }))
      .toEqual({ name: 'finance at A', role: 'finance', claimants: ['12-3456789AB'] });
  });

  it('lists an unknown field with every bad value beside it (400), not the unknown field alone', () => {
    const refusal = refusalOf({ name: '', role: 'root', claimants: ['bad claimant'], extra: true });
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((refusal as ApiError).details).toEqual([
      { field: 'extra', message: 'is not a field (known: name, role, claimants)' },
      { field: 'name', message: 'name must be 1 to 100 characters' },
      { field: 'role', message: expect.stringContaining('role must be one of') },
      { field: 'claimants', message: 'claimant "bad claimant" is not an importer number' },
    ]);
  });

  it('lists every bad value, claimants among them, when every field is known (422 KEY_REQUEST_INVALID)', () => {
    const refusal = refusalOf({ name: '', role: 'root', claimants: ['bad claimant', 'a,b'] });
    expect(refusal).toBeInstanceOf(ApiKeyRequestError);
    expect((refusal as ApiKeyRequestError).problems).toEqual([
      'name must be 1 to 100 characters', expect.stringContaining('role must be one of'),
      'claimant "bad claimant" is not an importer number', 'claimant "a,b" is not an importer number',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(refusalOf([])).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body', message: expect.any(String) }] });
  });
});
