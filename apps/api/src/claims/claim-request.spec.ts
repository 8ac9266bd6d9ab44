import { ApiError } from '../http/api-error';
import { parseClaimRequest, today } from './claim-request';

function problemsOf(body: unknown): Array<{ field: string; message: string }> {
  try {
    parseClaimRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).details as Array<{ field: string; message: string }>;
  }
  throw new Error('accepted');
}

describe(parseClaimRequest.name, () => {
  it('takes a provision with export ids, dates and policy, and defaults the as-of date to today', () => {
    expect(parseClaimRequest({ provision: 'j1', exports: ['EXP-1', ' EXP-2/3 '], from: '2026-01-01', to: '2026-06-30', policy: { lesser_of: 'per_bucket' } }))
      .toEqual({ provision: 'j1', exports: ['EXP-1', 'EXP-2/3'], from: '2026-01-01', to: '2026-06-30', asOf: today(), policy: { lesser_of: 'per_bucket' } });
  });

  it('lists every bad field at once', () => {
    expect(problemsOf({ provision: 'k', exports: ['EXP-1', 7], asOf: '2026-02-30', from: '2026-05-01', to: '2026-04-01', claimant: '', policy: [], extra: true }).map((p) => p.field))
      .toEqual(['extra', 'provision', 'claimant', 'exports[1]', 'asOf', 'to', 'policy']);
  });

  it('lists an unknown or unsupported policy setting with the other bad fields', () => {
    expect(problemsOf({ provision: 'zz', policy: { foo: 'bar', lesser_of: 'aggregate' } })).toEqual([
      { field: 'provision', message: expect.stringContaining('one of') },
      { field: 'policy.foo', message: expect.stringContaining('policy foo: unknown setting') },
      { field: 'policy.lesser_of', message: 'policy lesser_of=aggregate: supported values are per_bucket' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(problemsOf([])).toEqual([{ field: 'body', message: expect.stringContaining('JSON object') }]);
  });
});
