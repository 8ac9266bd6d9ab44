import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MulterModuleOptions } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { FILE_SPECS, fileSpecByName } from '@drawback/domain';
import { FieldProblem } from '../http/api-error';
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
  /** Every file refused so far, skipped unread (drained, never stored): the controller lists them all. */
  uploadProblems?: FieldProblem[];
}

export const MAX_FILES = 20;
/** The multipart field the data set's files come in. */
export const FILES_FIELD = 'files';

const discarded = () => new Error('the upload was discarded: its request failed');

/** Why a client's file name cannot be a file in the upload folder, or null when it can. */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '' || name === '.' || name === '..') return 'is not a file name';
  if (/[/\\]/.test(name)) return 'may not hold a path separator';
  if (/[\x00-\x1f]/.test(name)) return 'may not hold control characters';
  if (!name.toLowerCase().endsWith('.csv')) return 'is not a .csv file';
  return null;
}

/** Why a file of the upload is refused before it is stored: sent in another field, its name, sent twice. */
function uploadedFileProblems(fieldname: string, name: string, names: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fieldname !== FILES_FIELD) {
    problems.push({ field: fieldname, message: `is not a field: the CSV files go in "${FILES_FIELD}" ("${name}" came in "${fieldname}")` });
  }
  const problem = fileNameProblem(name);
  if (problem) problems.push({ field: FILES_FIELD, message: `"${name}" ${problem}` });
  // The ingest would refuse it as an unknown data file (input-formats.md: kinds by file name): say so now.
  else if (!fileSpecByName(name)) {
    problems.push({ field: FILES_FIELD, message: `"${name}" is not a data file (${FILE_SPECS.map((spec) => spec.fileName).join(', ')})` });
  }
  if (names.has(name)) problems.push({ field: FILES_FIELD, message: `"${name}" is sent twice` });
  return problems;
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
    // A refused file is skipped, not an error that would stop the upload: the files after it are checked too,
    // so that the answer names every problem of the request (interfaces.md: validation errors list every field).
    fileFilter: (req, file, accept) => {
      const request = req as UploadFolderRequest;
      const name = file.originalname;
      const names = (request.uploadNames ??= new Set());
      const problems = uploadedFileProblems(file.fieldname, name, names);
      names.add(name);
      if (problems.length > 0) {
        (request.uploadProblems ??= []).push(...problems);
        return accept(null, false);
      }
      request.uploadReceiving = { name, maxFileMb, tooLarge: request.uploadReceiving?.tooLarge };
      accept(null, true);
    },
  };
}
