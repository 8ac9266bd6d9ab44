import { Body, Controller, HttpCode, HttpStatus, Inject, Post, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiServiceUnavailableResponse, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IngestJobService } from '@drawback/application';
import { Access, CHANGE_DATA } from '../access/access.decorator';
import { Caller, CurrentCaller, requesterOf } from '../access/caller.decorator';
import { claimantChoice, claimantInvalid } from '../access/claimant-choice';
import { ApiError, FieldProblem } from '../http/api-error';
import { ErrorDto } from '../openapi/common.dto';
import { DatasetAcceptedDto } from '../openapi/jobs.dto';
import { JobQueues } from '../infrastructure/job-queues';
import { FILES_FIELD, UploadedCsv, UploadFolderRequest } from './upload-storage';

@ApiTags('datasets')
@ApiBearerAuth()
@Controller('datasets')
export class DatasetsController {
  constructor(
    @Inject(IngestJobService) private readonly ingestJobs: IngestJobService,
    @Inject(JobQueues) private readonly queues: JobQueues,
  ) {}

  @Post()
  // The guard runs before the interceptor: a caller without the right key never gets a file onto disk.
  @Access(CHANGE_DATA)
  @HttpCode(HttpStatus.ACCEPTED)
  // Any field, so that a file sent under another name than "files" is named in the answer (every one of them),
  // not refused by multer with its bare "Unexpected file field"; the count limit is the upload options' own.
  @UseInterceptors(AnyFilesInterceptor())
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'The CSV files of one data set (kinds by file name: entries.csv, duties.csv, …) in the field "files"; '
      + '"claimant": the importer number it is brought for (required with a key for several claimants; the key\'s own when it has one)',
    schema: {
      type: 'object', required: ['files'],
      properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } }, claimant: { type: 'string' } },
    },
  })
  @ApiAcceptedResponse({ type: DatasetAcceptedDto, description: 'Stored on disk; an ingest job validates and stores it' })
  @ApiBadRequestResponse({
    type: ErrorDto,
    description: 'VALIDATION_FAILED: no file, a file in another field than "files", a name with a path, not .csv, not a data file, sent twice; '
      + 'every problem of the request listed, a claimant that cannot be among them',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorDto, description: 'PAYLOAD_TOO_LARGE: a file larger than UPLOAD_MAX_FILE_MB (2048 MiB by default); nothing is kept' })
  @ApiUnprocessableEntityResponse({
    type: ErrorDto, description: "CLAIMANT_INVALID: not one of the key's claimants, or none named by a key for several (the files being fine)",
  })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'QUEUE_UNAVAILABLE: recorded, queued when a worker starts' })
  async upload(
    @UploadedFiles() files: UploadedCsv[] | undefined, @Body() fields: Record<string, unknown> | undefined,
    @Req() request: UploadFolderRequest, @CurrentCaller() caller: Caller,
  ): Promise<DatasetAcceptedDto> {
    // Every problem of the request in one answer: the files refused as they streamed in, no file left, the claimant.
    const problems: FieldProblem[] = [...(request.uploadProblems ?? [])];
    const stored = files?.length && request.uploadFolder && request.uploadId
      ? { files, folder: request.uploadFolder, uploadId: request.uploadId }
      : null;
    if (!stored && problems.length === 0) problems.push({ field: FILES_FIELD, message: 'at least one CSV file is required' });
    // The ingest then refuses any entry of another importer, and makes the exports, production and evidence the claimant's.
    const choice = claimantChoice(caller, fields?.claimant);
    if (problems.length > 0 || !stored) {
      throw ApiError.validation([...problems, ...(choice.problem !== undefined ? [{ field: 'claimant', message: choice.problem }] : [])]);
    }
    if (choice.problem !== undefined) throw claimantInvalid(choice.problem);
    const { claimant } = choice;
    const names = stored.files.map((file) => file.originalname);
    const job = await this.ingestJobs.submit(
      { uploadId: stored.uploadId, folder: stored.folder, files: names, ...(claimant ? { claimant } : {}) },
      this.queues.enqueueIngest, requesterOf(caller));
    return { jobId: job.id, files: names };
  }
}
