import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { ApiError } from '../http/api-error';
import type { UploadRequest } from '../http/api-error.filter';

/** An upload as multer left it: streamed to disk, never held in memory. */
export interface UploadedCsv {
  /** The multipart field it came in; the data set's files come in "files". */
  fieldname: string;
  originalname: string;
  path: string;
  size: number;
}

export interface UploadFolderRequest extends UploadRequest {
  uploadId?: string;
  uploadNames?: Set<string>;
}

export const MAX_FILES = 20;

const discarded = () => new Error('the upload was discarded: its request failed');

/** Why a client's file name cannot be a file in the upload folder, or null when it can. */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '' || name === '.' || name === '..') return 'is not a file name';
  if (/[/\\]/.test(name)) return 'may not hold a path separator';
  if (/[\x00-\x1f]/.test(name)) return 'may not hold control characters';
  if (!name.toLowerCase().endsWith('.csv')) return 'is not a .csv file';
  return null;
}

/**
 * Multer options: each request's files go to UPLOAD_DIR/<uuid>/<original name>, streamed. Names keep
 * their path (`preservePath`) so that one holding a separator is refused rather than silently cut down.
 * A file over `maxFileMb` MiB stops the upload (413, and nothing is kept: the error filter removes the folder).
 */
export function uploadOptions(uploadDir: string, maxFileMb: number): MulterModuleOptions {
  const storage = diskStorage({
    destination: (req, _file, done) => {
      const request = req as UploadFolderRequest;
      if (!request.uploadFolder) {
        request.uploadId = randomUUID();
        request.uploadFolder = join(uploadDir, request.uploadId);
      }
      const folder = request.uploadFolder;
      // A request that failed meanwhile (the client aborted it) has had its folder removed: make nothing again.
      if (request.uploadDiscarded) return done(discarded(), folder);
      mkdir(folder, { recursive: true }).then(async () => {
        if (!request.uploadDiscarded) return done(null, folder);
        await rm(folder, { recursive: true, force: true }).catch(() => undefined);
        done(discarded(), folder);
      }, (error: Error) => done(error, folder));
    },
    filename: (req, file, done) => ((req as UploadFolderRequest).uploadDiscarded ? done(discarded(), '') : done(null, file.originalname)),
  });
  // The file that passed the limit is the one to name: multer goes on reading the parts after it (and filtering
  // them) while it stops the upload, so the file received last may be a smaller one.
  const handleFile = storage._handleFile.bind(storage);
  storage._handleFile = (req, file, done) => {
    file.stream.once('limit', () => {
      const receiving = (req as UploadFolderRequest).uploadReceiving;
      if (receiving && receiving.tooLarge === undefined) receiving.tooLarge = file.originalname;
    });
    handleFile(req, file, done);
  };
  return {
    storage,
    preservePath: true,
    defParamCharset: 'utf8',
    limits: { files: MAX_FILES, fields: 10, fileSize: maxFileMb * 1024 * 1024 },
    fileFilter: (req, file, accept) => {
      const request = req as UploadFolderRequest;
      const name = file.originalname;
      const problem = fileNameProblem(name);
      const names = (request.uploadNames ??= new Set());
      if (problem) return accept(ApiError.validation([{ field: 'files', message: `"${name}" ${problem}` }]), false);
      if (names.has(name)) return accept(ApiError.validation([{ field: 'files', message: `"${name}" is sent twice` }]), false);
      names.add(name);
      request.uploadReceiving = { name, maxFileMb, tooLarge: request.uploadReceiving?.tooLarge };
      accept(null, true);
    },
  };
}
