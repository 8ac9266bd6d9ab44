import { ApiProperty } from '@nestjs/swagger';
import type { ApiKeyView } from '@drawback/application';
import { API_ROLES, type ApiRole, type AuditEvent } from '@drawback/persistence';

export class ApiKeyCreateRequestDto {
  @ApiProperty({ example: 'jane at Acme' }) name!: string;
  @ApiProperty({ enum: API_ROLES }) role!: ApiRole;
  @ApiProperty({ type: [String], example: ['12-3456789AB'], description: 'Importer numbers the key is limited to, or ["*"] for every claimant' })
  claimants!: string[];
}

export class ApiKeyDto implements ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_ROLES }) role!: ApiRole;
  @ApiProperty({ type: [String], example: ['12-3456789AB'] }) claimants!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class ApiKeyCreatedDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself (Authorization: Bearer <key>): shown this once, only its hash is kept' })
  key!: string;
}

export class AuditEventDto implements AuditEvent {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: '2026-11-24T12:31:10.518414Z', description: 'When, ISO 8601 in UTC' }) at!: string;
  @ApiProperty({ example: 'key:2f0c…', description: '`key:<id>`, `cli:<user>`, `job:<id>`' }) actor!: string;
  @ApiProperty({ example: 'claim.created' }) action!: string;
  @ApiProperty({ example: 'claim:…' }) subject!: string;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the subject before' }) before!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the subject after' }) after!: string | null;
  @ApiProperty({ type: Object, nullable: true }) detail!: Record<string, unknown> | null;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto], description: 'Oldest first' }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?after= for the next page; null when this page is the last' })
  nextAfter!: string | null;
}
