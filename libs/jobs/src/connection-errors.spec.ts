import { EventEmitter } from 'node:events';
import { logConnectionErrorsQuietly } from './connection-errors';

describe(logConnectionErrorsQuietly.name, () => {
  it('logs one line per 30 s of Redis connection errors, not one per retry', () => {
    const queue = Object.assign(new EventEmitter(), { name: 'ingest' });
    const lines: string[] = [];
    let clock = 0;
    logConnectionErrorsQuietly(queue, (line) => lines.push(line), () => clock);
    for (; clock < 60_000; clock += 200) queue.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(lines).toEqual(Array(2).fill('Redis: connect ECONNREFUSED 127.0.0.1:6379 (retrying; repeats are not logged for 30 s)'));
  });
});
