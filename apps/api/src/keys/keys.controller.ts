import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiKeyService } from '@drawback/application';
import { Access, ADMIN, AUDIT } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { ApiKeyCreatedDto, ApiKeyCreateRequestDto, ApiKeyDto } from '../openapi/access.dto';
import { ErrorDto } from '../openapi/common.dto';
import { parseKeyRequest } from './key-request';

/** API keys: admin keys for every claimant make, list and revoke them (auditor keys for every claimant list them); a key is shown once, at creation. */
@ApiTags('keys')
@ApiBearerAuth()
@Controller('keys')
export class KeysController {
  constructor(@Inject(ApiKeyService) private readonly keys: ApiKeyService) {}

  @Post()
  @Access(ADMIN, { everyClaimant: true })
  @ApiBody({ type: ApiKeyCreateRequestDto })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'VALIDATION_FAILED: not a JSON object, or fields that are not name, role, claimants (listed with every bad value)' })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'KEY_REQUEST_INVALID: bad values of name, role, claimants, every problem listed' })
  async create(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<ApiKeyCreatedDto> {
    const { key, secret } = await this.keys.create(parseKeyRequest(body), caller.actor);
    return { ...key, key: secret };
  }

  @Get()
  // interfaces.md: an auditor reads everything, the keys too (never a secret), and changes nothing.
  @Access(AUDIT, { everyClaimant: true })
  @ApiOkResponse({ type: [ApiKeyDto], description: 'Every key, revoked ones included, oldest first; never a secret' })
  list(): Promise<ApiKeyDto[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @Access(ADMIN, { everyClaimant: true })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked (or revoked already): requests with it are refused from now on' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: the last active admin key for every claimant' })
  async revoke(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<void> {
    switch (await this.keys.revoke(id, caller.actor)) {
      case 'not-found':
        throw ApiError.notFound('key', id);
      case 'last-admin':
        throw new ApiError('CONFLICT', `key ${id} is the last active admin key for every claimant: create another before revoking it`);
      case 'revoked':
      case 'already-revoked':
        return;
    }
  }
}
