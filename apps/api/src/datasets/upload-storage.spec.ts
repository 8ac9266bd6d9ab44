import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileNameProblem, UploadFolderRequest, uploadOptions } from './upload-storage';

describe(fileNameProblem.name, () => {
  it('accepts a plain CSV file name, whatever its case', () => {
    expect(fileNameProblem('entries.csv')).toBeNull();
    expect(fileNameProblem('Duties.CSV')).toBeNull();
  });

  it('refuses a name that could leave the upload folder or name no file', () => {
    expect(fileNameProblem('../entries.csv')).toBe('may not hold a path separator');
    expect(fileNameProblem('sub\\entries.csv')).toBe('may not hold a path separator');
    expect(fileNameProblem('/etc/passwd.csv')).toBe('may not hold a path separator');
    expect(fileNameProblem('..')).toBe('is not a file name');
    expect(fileNameProblem(' ')).toBe('is not a file name');
    expect(fileNameProblem('a\nb.csv')).toBe('may not hold control characters');
  });

  it('refuses what is not a CSV file', () => {
    expect(fileNameProblem('entries.xlsx')).toBe('is not a .csv file');
  });
});

describe('the upload storage of a request that failed (its client aborted) while a file was starting', () => {
  const uploadDir = mkdtempSync(join(tmpdir(), 'drawback-upload-storage-'));
  afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

  // multer's disk storage asks for a file's folder, then its name, then opens it.
  type Storage = {
    getDestination: (req: unknown, file: unknown, done: (error: Error | null, folder: string) => void) => void;
    getFilename: (req: unknown, file: unknown, done: (error: Error | null, name: string) => void) => void;
  };
  const storage = uploadOptions(uploadDir, 2048).storage as unknown as Storage;
  const file = { fieldname: 'files', originalname: 'duties.csv' };

  it('makes no upload folder again once the request was discarded while the folder was being made', async () => {
    const request = {} as UploadFolderRequest;
    const asked = new Promise<Error | null>((resolve) => storage.getDestination(request, file, (error) => resolve(error)));
    // The error filter removes the folder and flags the request while mkdir is under way.
    request.uploadDiscarded = true;
    expect(await asked).toBeInstanceOf(Error);
    expect(existsSync(request.uploadFolder!)).toBe(false);
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('names no file of a discarded request, so that none is opened', async () => {
    const request = { uploadDiscarded: true, uploadFolder: join(uploadDir, 'gone') } as UploadFolderRequest;
    expect(await new Promise((resolve) => storage.getFilename(request, file, (error) => resolve(error)))).toBeInstanceOf(Error);
    expect(await new Promise((resolve) => storage.getDestination(request, file, (error) => resolve(error)))).toBeInstanceOf(Error);
    expect(readdirSync(uploadDir)).toEqual([]);
  });
});
