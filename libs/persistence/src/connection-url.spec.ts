import { withPasswordHidden } from './connection-url';

describe(withPasswordHidden.name, () => {
  it('hides the password of a connection URL refused at start, even one no URL parser accepts', () => {
    expect(withPasswordHidden('postgres://drawback:s3cret@db:5432/drawback')).toBe('postgres://drawback:***@db:5432/drawback');
    expect(withPasswordHidden('postgres://drawback:s3cret@db:port/drawback')).toBe('postgres://drawback:***@db:port/drawback');
    expect(withPasswordHidden('redis://:s3cret@cache:6379')).toBe('redis://:***@cache:6379');
    expect(withPasswordHidden('postgres://u:p@ss/w@rd@db/x')).toBe('postgres://u:***@db/x');
    expect(withPasswordHidden('postgres//u:pw@db/x')).toBe('postgres//u:***@db/x');
    expect(withPasswordHidden('u:pw@db')).toBe('u:***@db');
  });

  it('leaves a URL without a password, and text that is no URL, as they are', () => {
    for (const text of ['postgres://postgres@127.0.0.1:5432/drawback', 'redis://127.0.0.1:6379', 'localhost:5432', 'not a url']) {
      expect(withPasswordHidden(text)).toBe(text);
    }
  });
});
