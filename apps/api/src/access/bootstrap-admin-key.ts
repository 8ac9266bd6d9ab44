import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeyService } from '@drawback/application';
import { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../infrastructure/tokens';

/**
 * BOOTSTRAP_ADMIN_KEY: on a fresh install nobody holds a key, and only an admin key can make keys. When the
 * variable is set and no active admin key for every claimant exists, the API stores it (hashed) at start as
 * the admin key `bootstrap`; the operator then makes the real keys with it and may revoke it.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapAdminKey) return;
    switch (await this.keys.bootstrapAdmin(this.config.bootstrapAdminKey, 'api:BOOTSTRAP_ADMIN_KEY')) {
      case 'stored':
        this.logger.log('BOOTSTRAP_ADMIN_KEY stored as the admin key "bootstrap"');
        break;
      case 'id-taken':
        this.logger.warn('BOOTSTRAP_ADMIN_KEY names a key that was revoked or has another secret: not stored; choose a new one');
        break;
      case 'admin-exists':
        break;
    }
  }
}
