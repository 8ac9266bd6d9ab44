import { randomUUID } from 'node:crypto';
import { ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A temporary pack not written to for this long was left by a writer that died (a worker killed mid-pack): one
 * being written grows as the zip is streamed.
 */
export const STALE_TEMPORARY_MS = 15 * 60 * 1000;

/**
 * Where record packs are kept (`PACK_DIR`): `<claimId>.zip`, written by the worker and served by the API.
 * A pack is written to a temporary name and renamed, so a reader (or a retried job) sees the old file or the
 * new one, never a part; the same claim gives the same bytes, so a rewrite changes nothing.
 */
export class RecordPackFiles {
  constructor(readonly folder: string) {}

  /** The pack's path; claim ids are uuids, so nothing else can name a file in or outside the folder. */
  pathOf(claimId: string): string | null {
    return UUID.test(claimId) ? join(this.folder, `${claimId.toLowerCase()}.zip`) : null;
  }

  /**
   * Writes a claim's pack through `writePack`, which is given a temporary path in the folder; on disk
   * (fsync) and renamed to the pack's name only once written whole. Returns the path and what `writePack` returned.
   */
  async write<T>(claimId: string, writePack: (temporary: string) => Promise<T>): Promise<{ path: string; written: T }> {
    const target = this.pathOf(claimId);
    if (!target) throw new Error(`claim id "${claimId}" is not a uuid`);
    await mkdir(this.folder, { recursive: true });
    await this.removeStaleTemporaries(claimId);
    const temporary = join(this.folder, `.${claimId}.${randomUUID()}.tmp`);
    try {
      const written = await writePack(temporary);
      // On disk before the rename makes it visible: a machine crash must not leave an empty pack under its name.
      const file = await open(temporary, 'r+');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
      return { path: target, written };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /**
   * The stored pack to stream, or null when it has not been built. The file is opened first and its size
   * read from the open file: a rebuild renamed over the pack meanwhile does not change what this stream
   * reads, so the size given (a download's Content-Length) is that of the one pack it sends, whole.
   */
  async open(claimId: string): Promise<{ stream: ReadStream; size: number } | null> {
    const path = this.pathOf(claimId);
    if (!path) return null;
    const file = await open(path, 'r').catch(() => null);
    if (!file) return null;
    try {
      const found = await file.stat();
      if (!found.isFile()) {
        await file.close();
        return null;
      }
      return { stream: file.createReadStream({ autoClose: true }), size: found.size };
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
  }

  /** The claim's temporary packs left by writers that died (not written to for STALE_TEMPORARY_MS). */
  private async removeStaleTemporaries(claimId: string, now = Date.now()): Promise<void> {
    const prefix = `.${claimId}.`;
    for (const name of await readdir(this.folder).catch(() => [] as string[])) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const path = join(this.folder, name);
      const found = await stat(path).catch(() => null);
      if (found && now - found.mtimeMs > STALE_TEMPORARY_MS) await rm(path, { force: true }).catch(() => undefined);
    }
  }

  async remove(claimId: string): Promise<void> {
    const path = this.pathOf(claimId);
    if (path) await rm(path, { force: true });
  }
}
