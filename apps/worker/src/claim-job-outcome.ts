import { Logger } from '@nestjs/common';
import { ClaimJobOutcome } from '@drawback/application';
import { UnrecoverableError } from 'bullmq';

/** A claim job's outcome as BullMQ needs it: a result, or an UnrecoverableError when retrying cannot help. */
export function settle(outcome: ClaimJobOutcome, jobId: string, logger: Logger, done: string): Record<string, unknown> {
  switch (outcome.kind) {
    case 'completed':
      logger.log(`job ${jobId}: ${done} (claim ${String(outcome.result.claimId)})`);
      return outcome.result;
    case 'skipped':
      logger.warn(`job ${jobId}: unknown or finished already; nothing to do`);
      return { skipped: true };
    case 'rejected':
      throw new UnrecoverableError(outcome.reason);
  }
}
