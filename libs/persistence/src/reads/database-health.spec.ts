import { isDatabaseUnavailable } from './database-health';

describe(isDatabaseUnavailable.name, () => {
  it('tells a database that cannot be reached, as pg or TypeORM report it', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: '57P01', message: 'terminating connection due to administrator command' } })).toBe(true);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: '08006', message: 'connection failure' } })).toBe(true);
  });

  it('leaves every other error a fault of the request or the code', () => {
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: '23505', message: 'duplicate key value' } })).toBe(false);
    expect(isDatabaseUnavailable({ message: 'Query failed', driverError: { code: '42P01', message: 'relation "x" does not exist' } })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
