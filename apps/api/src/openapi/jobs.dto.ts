import { ApiProperty } from '@nestjs/swagger';
import type { DataError } from '@drawback/domain';
import type { IngestRunView } from '@drawback/persistence';

export class DatasetAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Poll GET /jobs/{jobId}' }) jobId!: string;
  @ApiProperty({ type: [String], example: ['entries.csv', 'duties.csv'] }) files!: string[];
}

export class JobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ingest' }) queue!: string;
  @ApiProperty({ example: 'ingest-data-set' }) name!: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) state!: string;
  @ApiProperty({ description: 'Attempts started so far' }) attempts!: number;
  @ApiProperty({ type: Object, nullable: true }) progress!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true, description: 'For an ingest: runId, counts and loadedBy (direct or staged), or the data errors; for a retag: version and tags' })
  result!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed; data errors as file:line: column: message' })
  error!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The API key that asked for the job' })
  apiKeyId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class DataErrorDto implements DataError {
  @ApiProperty({ example: 'entries.csv' }) file!: string;
  @ApiProperty({ example: 2 }) line!: number;
  @ApiProperty({ example: 'entered_value' }) column!: string;
  @ApiProperty() message!: string;
}

export class IngestRunDto implements IngestRunView {
  @ApiProperty({ example: '1' }) id!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ enum: ['running', 'accepted', 'rejected'] }) status!: 'running' | 'accepted' | 'rejected';
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: 'Per file kind: rows, new, unchanged' })
  counts!: Record<string, unknown> | null;
  @ApiProperty({ enum: ['direct', 'staged'], nullable: true, description: 'Which path stored an accepted data set: the direct load or the staged ingest' })
  loadedBy!: 'direct' | 'staged' | null;
  @ApiProperty() errorCount!: number;
  @ApiProperty({ type: [DataErrorDto], description: 'The first 1000 errors in reading order' }) errors!: DataErrorDto[];
}

export class HealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ example: { database: 'up', redis: 'up' } }) checks!: { database: 'up' | 'down'; redis: 'up' | 'down' };
}
