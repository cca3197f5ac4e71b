export { isSignificantChange, snapshotOf } from './address-snapshot.js';
export type * from './batch-types.js';
export {
  bounceDecisionOf,
  bounceSummary,
  decideAll,
  planOutcomes,
  type RuleConfigSource,
  sendSummary,
} from './plan-batch.js';
