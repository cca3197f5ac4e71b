export { ABSENCE_END_SLACK_HOURS, absenceWindowOf, isInsideAbsence, MAX_ABSENCE_DAYS } from './absence-window.js';
export { domainOf, normalizeAddress, normalizeDomain } from './address.js';
export {
  addressStateSchema,
  cleanAddressState,
  parseAddressState,
  SUPPRESSION_REASONS,
  sameAddressState,
} from './address-state.js';
export * from './batch/index.js';
export { canSend } from './can-send.js';
export {
  isExemptCategory,
  isHardFailure,
  isSenderSide,
  RECIPIENT_SPECIFIC_REASONS,
} from './classify-event.js';
export {
  DEFAULT_RULE_CONFIG,
  parseRuleConfigOverrides,
  resolveRuleConfig,
  ruleConfigOverridesSchema,
  SUGGESTED_ADDRESS_POLICIES,
  SUPPRESSION_ACTIONS,
} from './config.js';
export { decide } from './decide.js';
export { RulesError, type RulesErrorCode } from './errors.js';
export { type ManualBlockReason, manualBlock, manualUnblock, resetCount, undo } from './manual.js';
export { nextSoftFailureBlocks } from './next-soft-failure.js';
export {
  DEFAULT_SEND_ID_HEADER,
  type SendInstructionOptions,
  type SendInstructions,
  sendInstructions,
  type VerpSigning,
  verpSigningOf,
} from './send-instructions.js';
export type * from './types.js';
export {
  MAX_LOCAL_PART_OCTETS,
  type MakeReturnPathInput,
  MIN_SECRET_LENGTH,
  makeReturnPath,
  makeVerpToken,
  parseReturnPath,
  type ReturnPathVerdict,
  type VerifiedReturnPath,
  verifyReturnPath,
} from './verp.js';
