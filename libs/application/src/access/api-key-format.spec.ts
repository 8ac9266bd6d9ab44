import { apiKeyFormatProblem, generateApiKey, hashApiKey, parseApiKey } from './api-key-format';

describe(parseApiKey.name, () => {
  it('reads the id of a generated key back, dashes restored', () => {
    const generated = generateApiKey();
    expect(generated.key).toMatch(/^dbk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(generated.key)).toEqual(generated);
  });

  it('refuses what does not have the key format', () => {
    const secret = 'A'.repeat(43);
    expect(parseApiKey(`dbk_${'0'.repeat(32)}_${secret}`)).toEqual({ id: '00000000-0000-0000-0000-000000000000', key: `dbk_${'0'.repeat(32)}_${secret}` });
    expect(parseApiKey(`dbk_${'0'.repeat(32)}_${secret.slice(1)}`)).toBeNull();
    expect(parseApiKey(`dbk_${'0'.repeat(31)}_${secret}`)).toBeNull();
    expect(parseApiKey(`xyz_${'0'.repeat(32)}_${secret}`)).toBeNull();
    expect(parseApiKey(`dbk_${'0'.repeat(32)}_${secret}=`)).toBeNull();
    expect(apiKeyFormatProblem('secret')).toMatch(/^must be an API key/);
  });
});

describe(hashApiKey.name, () => {
  it('is the sha256 of the key, so two keys never share a hash', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiKey(generateApiKey().key)).not.toBe(hashApiKey(generateApiKey().key));
  });
});
