import { ApiError } from './api-error';
import { DEFAULT_LIMIT, parsePage } from './page-query';

describe(parsePage.name, () => {
  it('defaults to the first page of DEFAULT_LIMIT items', () => {
    expect(parsePage(undefined, undefined)).toEqual({ limit: DEFAULT_LIMIT, offset: 0 });
    expect(parsePage('10', '20')).toEqual({ limit: 10, offset: 20 });
  });

  it('reports a bad limit and a bad offset together', () => {
    let error: unknown;
    try {
      parsePage('501', '1.5');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    expect((error as ApiError).details).toEqual([
      { field: 'limit', message: 'must be a whole number from 1 to 500' },
      { field: 'offset', message: 'must be a whole number from 0 to 999999999' },
    ]);
  });
});
