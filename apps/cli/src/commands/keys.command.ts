import { ApiKeyService } from '@drawback/application';
import { DataSource } from 'typeorm';
import { NamesNothingError, UsageError } from '../cli-config';
import { CommandIo } from './ingest.command';

/**
 * `drawback keys create --role R --claimants A,B|* --name N`, `drawback keys list`, `drawback keys revoke ID`:
 * API keys for the HTTP API. A new key's secret is printed once and never stored.
 */
export async function keysCommand(
  dataSource: DataSource, action: string | undefined, options: { role?: string; claimants?: string; name?: string; id?: string }, io: CommandIo,
): Promise<number> {
  const keys = new ApiKeyService(dataSource);
  if (action === 'create') {
    if (!options.role || !options.claimants || !options.name) throw new UsageError('keys create needs --role, --claimants and --name');
    const { key, secret } = await keys.create({ name: options.name, role: options.role, claimants: options.claimants.split(',').map((c) => c.trim()) }, io.actor);
    io.stderr.write(`key ${key.id} (${key.role}, claimants ${key.claimants.join(', ')}): keep the secret below, it is not shown again\n`);
    io.stdout.write(`${secret}\n`);
    return 0;
  }
  if (action === 'list') {
    for (const key of await keys.list()) {
      io.stdout.write(`${key.id}  ${key.role.padEnd(10)} ${key.claimants.join(',').padEnd(30)} ${key.name}${key.revokedAt ? `  (revoked ${key.revokedAt})` : ''}\n`);
    }
    return 0;
  }
  if (action === 'revoke') {
    if (!options.id) throw new UsageError('keys revoke needs the key id');
    const outcome = await keys.revoke(options.id, io.actor);
    // A key id that names no key is a mistyped argument (exit 2), as a claim id that names no claim is.
    if (outcome === 'not-found') throw new NamesNothingError(`no key ${options.id}`);
    if (outcome === 'last-admin') {
      io.stderr.write(`drawback: key ${options.id} is the last active admin key for every claimant: create another before revoking it\n`);
      return 1;
    }
    io.stdout.write(`${options.id}: ${outcome === 'revoked' ? 'revoked' : 'was already revoked'}\n`);
    return 0;
  }
  throw new UsageError('keys takes: create --role R --claimants A,B|* --name N | list | revoke ID');
}
