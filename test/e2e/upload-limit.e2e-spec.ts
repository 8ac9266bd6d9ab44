import { existsSync, readdirSync } from 'node:fs';
import { ApiHarness, JOB_TIMEOUT_MS } from './api-harness';

jest.setTimeout(JOB_TIMEOUT_MS);

const MiB = 1024 * 1024;
const csv = (bytes: number) => Buffer.alloc(bytes, 'a,b\n');

/** UPLOAD_MAX_FILE_MB: an upload with a file larger than it is refused, named, and leaves nothing on disk. */
describe('a data set upload with a file larger than UPLOAD_MAX_FILE_MB', () => {
  const harness = new ApiHarness({ UPLOAD_MAX_FILE_MB: '1' });
  const left = () => (existsSync(harness.env.UPLOAD_DIR) ? readdirSync(harness.env.UPLOAD_DIR, { recursive: true }) : []);

  beforeAll(async () => {
    await harness.startApi();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('is refused with 413 PAYLOAD_TOO_LARGE naming the file and the limit, and nothing of the upload is kept', async () => {
    const response = await harness.post('/datasets')
      .attach('files', csv(1000), { filename: 'entries.csv', contentType: 'text/csv' })
      .attach('files', csv(MiB + 4), { filename: 'duties.csv', contentType: 'text/csv' })
      .expect(413);
    const message = '"duties.csv" is larger than the 1 MiB an uploaded file may hold (UPLOAD_MAX_FILE_MB); nothing is kept';
    expect(response.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message, details: [{ field: 'files', message }] });
    expect(left()).toEqual([]);
  });

  it('names the file that is too large, not a smaller one sent after it', async () => {
    const response = await harness.post('/datasets')
      .attach('files', csv(MiB + 4), { filename: 'entries.csv', contentType: 'text/csv' })
      .attach('files', csv(1000), { filename: 'lots.csv', contentType: 'text/csv' })
      .expect(413);
    expect(response.body.message).toBe('"entries.csv" is larger than the 1 MiB an uploaded file may hold (UPLOAD_MAX_FILE_MB); nothing is kept');
    expect(left()).toEqual([]);
  });

  it('takes a file of exactly the limit', async () => {
    const response = await harness.post('/datasets')
      .attach('files', csv(MiB), { filename: 'entries.csv', contentType: 'text/csv' })
      .expect(202);
    expect(response.body.files).toEqual(['entries.csv']);
  });
});
