import { existsSync, readdirSync } from 'node:fs';
import { AddressInfo, connect } from 'node:net';
import { LoggerService } from '@nestjs/common';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';
import { eventually } from './worker-process';

jest.setTimeout(JOB_TIMEOUT_MS);

/** Every line the API logs, with its level. */
class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string }> = [];
  private add(level: string, message: unknown): void {
    this.lines.push({ level, message: String(message) });
  }
  log(message: unknown): void { this.add('log', message); }
  error(message: unknown): void { this.add('error', message); }
  warn(message: unknown): void { this.add('warn', message); }
  debug(message: unknown): void { this.add('debug', message); }
  verbose(message: unknown): void { this.add('verbose', message); }
}

const BOUNDARY = 'drawback-abort-boundary';
const part = (name: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`;
const ROWS = 'EX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,300000.00,10000,KG\n';

/**
 * A multipart POST /datasets announcing far more than it sends: the client sends `sent`, then closes the
 * connection (a browser tab closed, a network cut) without a response.
 */
async function abortedUpload(port: number, key: string, sent: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /datasets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n`
        + `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 50000000\r\n\r\n`);
      socket.write(sent, () => setTimeout(() => {
        socket.destroy();
        resolve();
      }, 150));
    });
    socket.on('error', reject);
  });
}

describe('a client that aborts a data set upload mid-stream', () => {
  const harness = new ApiHarness();
  const logger = new RecordingLogger();
  let port = 0;

  beforeAll(async () => {
    await harness.startApi();
    harness.api.useLogger(logger);
    await harness.api.listen(0, '127.0.0.1');
    port = (harness.api.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('is logged as one quiet client-abort line (no error, no 500) and leaves nothing in UPLOAD_DIR', async () => {
    const uploads = [
      // In the middle of the first file.
      part('entries.csv') + 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,'
        + 'country_of_origin,entered_value,quantity,uom\n' + ROWS.repeat(2000),
      // The first file whole, the second one's header and a few bytes.
      `${part('entries.csv')}${ROWS.repeat(10)}\r\n${part('duties.csv')}entry_number,line`,
      // The second file's header alone.
      `${part('entries.csv')}${ROWS.repeat(10)}\r\n${part('duties.csv')}`,
    ];
    for (const sent of uploads) await abortedUpload(port, harness.adminKey, sent);

    const aborts = () => logger.lines.filter((line) => /POST \/datasets/.test(line.message));
    await eventually('the abort lines', async () => aborts().length, (count) => count >= uploads.length, 10_000);
    const uploadDir = harness.env.UPLOAD_DIR;
    const left = () => (existsSync(uploadDir) ? readdirSync(uploadDir, { recursive: true }) : []);
    // Whatever the storage still had in hand when the client left settles soon after (up to 5 s on a loaded machine).
    await eventually('the upload folder', async () => left(), (names) => names.length === 0, 5_000).catch(() => undefined);
    expect({
      aborts: aborts().map((line) => [line.level, line.message]),
      errors: logger.lines.filter((line) => line.level === 'error').map((line) => line.message.split('\n')[0]),
      left: left(),
    }).toEqual({
      aborts: uploads.map(() => ['log', 'POST /datasets: the client closed the connection before the upload was received whole; nothing is kept']),
      errors: [],
      left: [],
    });

    // The API goes on answering.
    await harness.get('/health').expect(200);
  });
});
