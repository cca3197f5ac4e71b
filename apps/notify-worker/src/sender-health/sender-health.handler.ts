/** The sender-health queue's consumer: one job kind per task of the catalog. */
import type { JobPayload } from '@bounce/queue';
import { checkDueSetups } from './check-setups.js';
import { diagnoseBounce, diagnoseBounces, type SenderHealthDeps } from './diagnose-bounce.js';
import { recheckDueAlerts } from './recheck-alerts.js';

/** `parallel`: diagnoses of one job in flight at once (SENDER_HEALTH_CONCURRENCY, like the jobs themselves). */
export function createSenderHealthHandler(
  deps: SenderHealthDeps,
  { parallel }: { parallel: number } = { parallel: 1 },
) {
  return async (payload: JobPayload<'senderHealth'>): Promise<unknown> => {
    switch (payload.task) {
      case 'diagnose-bounces':
        return { outcomes: await diagnoseBounces(deps, payload, parallel) };
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
