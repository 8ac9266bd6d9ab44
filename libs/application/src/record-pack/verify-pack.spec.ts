import { createHash } from 'node:crypto';
import { checkPackIntegrity } from './verify-pack';
import { writeZip } from './zip';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe(checkPackIntegrity.name, () => {
  const claim = { id: 'c-1', provision: 'j1', claimant: '12-3456789AB', asOf: '2026-11-22' };
  const rules = { version: 'v1', unverified: [] };
  const estimate = JSON.stringify({ claim, rules, policy: {}, totals: { refund: '10.00' } });
  const manifest = JSON.stringify({ claim, rules, policy: {}, asOf: claim.asOf, files: { 'estimate.json': sha256(estimate) }, sources: [] });

  it('passes a pack whose every file matches the manifest', () => {
    const zip = writeZip([{ name: 'manifest.json', data: Buffer.from(manifest) }, { name: 'estimate.json', data: Buffer.from(estimate) }]);
    expect(checkPackIntegrity(zip).problems).toEqual([]);
  });

  it('refuses a pack that holds a file twice, one copy changed: the manifest vouches for one file per name (spec §7)', () => {
    const changed = estimate.replace('10.00', '99.00');
    const zip = writeZip([
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'estimate.json', data: Buffer.from(changed) },
      { name: 'estimate.json', data: Buffer.from(estimate) },
    ]);
    expect(checkPackIntegrity(zip).problems).toEqual([
      'estimate.json: in the pack more than once — an unzip tool may show a copy the hashes do not vouch for',
    ]);
  });
});
