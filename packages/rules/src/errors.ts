/** Error codes of the rules package: callers branch on `code`, never on the message. */
export type RulesErrorCode =
  | 'invalid-rule-config' // a stored rule configuration layer failed validation
  | 'invalid-event' // an event without a valid time, or of an unknown kind
  | 'invalid-address-state' // an audit row's state JSON could not be read back
  | 'invalid-manual-operation' // a manual operation without a valid time or reason
  | 'invalid-verp-input'; // makeReturnPath got an unusable local part, domain, send id or secret

export class RulesError extends Error {
  override readonly name = 'RulesError';
  readonly code: RulesErrorCode;

  constructor(code: RulesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
