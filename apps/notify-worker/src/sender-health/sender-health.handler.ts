/** The sender-health queue's consumer: one job kind per task of the catalog. */
import type { JobPayload } from '@bounce/queue';
import { checkDueSetups } from './check-setups.js';
import { diagnoseBounce, type SenderHealthDeps } from './diagnose-bounce.js';
import { recheckDueAlerts } from './recheck-alerts.js';

export function createSenderHealthHandler(deps: SenderHealthDeps) {
  return async (payload: JobPayload<'senderHealth'>): Promise<unknown> => {
    switch (payload.task) {
      case 'diagnose-bounce':
        return { outcome: await diagnoseBounce(deps, payload) };
      case 'recheck-alerts':
        return recheckDueAlerts(deps);
      case 'check-setups':
        return checkDueSetups(deps);
      default: {
        const never: never = payload;
        throw new Error(`unknown sender-health task ${JSON.stringify(never)}`);
      }
    }
  };
}
