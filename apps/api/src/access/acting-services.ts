import { Inject, Injectable } from '@nestjs/common';
import { ClaimService, RecoverabilityService } from '@drawback/application';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../infrastructure/tokens';
import { Caller } from './caller.decorator';

/** The services that write the audit trail, made per request so that it names the caller's key (`key:<id>`). */
@Injectable()
export class ActingServices {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  claims(caller: Caller): ClaimService {
    return new ClaimService(this.dataSource, caller.actor);
  }

  recoverability(caller: Caller): RecoverabilityService {
    return new RecoverabilityService(this.dataSource, caller.actor);
  }
}
