import { FoundationSchema1732420000000 } from './1732420000000-foundation-schema';
import { Recoverability1732420100000 } from './1732420100000-recoverability';
import { ClaimsLedger1732420200000 } from './1732420200000-claims-ledger';
import { AuditTrail1732420300000 } from './1732420300000-audit-trail';
import { DataOwner1732420400000 } from './1732420400000-data-owner';
import { ApiKeys1732420500000 } from './1732420500000-api-keys';
import { LedgerStatementTriggers1732420600000 } from './1732420600000-ledger-statement-triggers';
import { DesignationExactQuantity1732420700000 } from './1732420700000-designation-exact-quantity';
import { RateAnyDecimals1732420800000 } from './1732420800000-rate-any-decimals';
import { ExactPriorUse1732420900000 } from './1732420900000-exact-prior-use';
import { IngestRunLoadedBy1732421000000 } from './1732421000000-ingest-run-loaded-by';
import { ClaimPriorUse1732421100000 } from './1732421100000-claim-prior-use';

/** Every migration, oldest first. */
export const MIGRATIONS = [FoundationSchema1732420000000, Recoverability1732420100000, ClaimsLedger1732420200000, AuditTrail1732420300000,
  DataOwner1732420400000, ApiKeys1732420500000, LedgerStatementTriggers1732420600000, DesignationExactQuantity1732420700000,
  RateAnyDecimals1732420800000, ExactPriorUse1732420900000, IngestRunLoadedBy1732421000000,
  ClaimPriorUse1732421100000];
