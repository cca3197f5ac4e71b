/**
 * What a sending application puts on a message so its bounce comes back tied to its send: the envelope sender
 * (the signed VERP return path, when VERP signing is configured) and the correlation headers. Handed out by the API
 * when a send is recorded (and again on request), so no sender re-implements the token format of verp.ts.
 */
import { RulesError } from './errors.js';
import { makeReturnPath } from './verp.js';

/** The header carrying our send id: one of the parser's default correlation headers (X-Bounce-Correlation, X-Send-Id). */
export const DEFAULT_SEND_ID_HEADER = 'X-Send-Id';

/** VERP signing settings of an installation: `<localPart>+<token>@<domain>`, signed with `secret`. */
export type VerpSigning = { localPart: string; domain: string; secret: string };

export type SendInstructions = {
  /** The envelope sender (MAIL FROM / Return-Path) to use, or null when VERP signing is not configured. */
  returnPath: string | null;
  /** Headers to set on the message, by name. */
  headers: Record<string, string>;
};

export type SendInstructionOptions = {
  verp: VerpSigning | null;
  /** Header carrying the send id. Default X-Send-Id. */
  sendIdHeader?: string;
};

export function sendInstructions(sendId: string, options: SendInstructionOptions): SendInstructions {
  const returnPath = options.verp ? makeReturnPath({ ...options.verp, sendId }) : null;
  return { returnPath, headers: { [options.sendIdHeader ?? DEFAULT_SEND_ID_HEADER]: sendId.toLowerCase() } };
}

/**
 * The VERP signing settings from configuration values (the first secret signs; the others only verify during a
 * rotation), or null when no secret is given. Throws RulesError('invalid-verp-input') for settings that cannot sign
 * (no domain, a short secret, a local part or domain no return path can carry), so a process refuses to start
 * rather than handing out return paths that fail later.
 */
export function verpSigningOf(input: {
  secrets: readonly string[];
  domain?: string | undefined;
  localPart: string;
}): VerpSigning | null {
  const secret = input.secrets[0];
  if (!secret) return null;
  if (!input.domain) {
    throw new RulesError(
      'invalid-verp-input',
      'VERP_DOMAIN is required with VERP_SECRETS (the domain whose MX reaches the bounce mailbox)',
    );
  }
  const signing = { localPart: input.localPart, domain: input.domain, secret };
  // A trial signature with the longest send id we hand out (a UUID) checks every part at start-up.
  makeReturnPath({ ...signing, sendId: '00000000-0000-4000-8000-000000000000' });
  return signing;
}
