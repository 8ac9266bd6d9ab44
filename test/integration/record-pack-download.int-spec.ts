import { randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { RecordPackFiles } from '@drawback/application';

/**
 * GET /claims/{id}/record-pack sends `RecordPackFiles.open`'s stream with its size as Content-Length, while a
 * record-pack job of the same claim may rename a rebuilt pack over the file at any moment (interfaces.md, Jobs;
 * the pack is written to a temporary name and renamed). A download must send one pack whole, old or new, and
 * announce the size of the bytes it sends.
 */
describe('a record pack download racing a rebuild of the same pack', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-pack-download-'));
  const files = new RecordPackFiles(folder);
  const claimId = randomUUID();
  const oldPack = 'old pack '.repeat(1000);
  const newPack = 'new, larger pack '.repeat(3000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('sends the pack it opened, whole and at the size it announced, though a rebuild is renamed into place before the first byte is read', async () => {
    await files.write(claimId, async (temporary) => writeFileSync(temporary, oldPack));
    const rebuilt = join(folder, `.${claimId}.rebuilt.tmp`);
    writeFileSync(rebuilt, newPack);

    const download = await files.open(claimId);
    // The rebuild's last step (the rename that makes it visible), between the download's open and its first read.
    renameSync(rebuilt, files.pathOf(claimId)!);
    const sent = await text(download!.stream);

    expect({ size: download!.size, sentBytes: Buffer.byteLength(sent), sentIsOldPack: sent === oldPack })
      .toEqual({ size: Buffer.byteLength(oldPack), sentBytes: Buffer.byteLength(oldPack), sentIsOldPack: true });
    // The next download sends the new pack.
    const next = await files.open(claimId);
    expect({ size: next!.size, sent: await text(next!.stream) }).toEqual({ size: Buffer.byteLength(newPack), sent: newPack });
  });

  it('answers nothing for a pack never built', async () => {
    expect(await files.open(randomUUID())).toBeNull();
  });
});
