import { AMAZON_SES_NOTIFICATION } from './amazon-ses-notification.js';
import { ARF } from './arf.js';
import { AUTO_REPLY } from './auto-reply.js';
import { DOMINO_TEXT } from './domino-text.js';
import { DRAGONFLY } from './dragonfly.js';
import { EXCHANGE_LEGACY } from './exchange-legacy.js';
import { EXCHANGE_MODERN } from './exchange-modern.js';
import { EXIM } from './exim.js';
import { EZWEB } from './ezweb.js';
import { FML } from './fml.js';
import type { FormatDetector } from './format-types.js';
import { GENERIC_TEXT } from './generic-text.js';
import { GMAIL } from './gmail.js';
import { GOOGLE_GROUPS } from './google-groups.js';
import { KDDI } from './kddi.js';
import { LOTUS_NOTES } from './lotus-notes.js';
import { OPENSMTPD } from './opensmtpd.js';
import { QMAIL } from './qmail.js';
import { RFC3464 } from './rfc3464.js';
import { SENDMAIL_TEXT } from './sendmail-text.js';
import { SENDMAIL_V5 } from './sendmail-v5.js';
import { SIEVE_REJECT } from './sieve-reject.js';
import { ZOHO } from './zoho.js';

/**
 * Detector order. Formats whose text carries more than their attached DSN (or that are not DSNs at all)
 * come first; then the RFC 3464 report, which most MTAs attach (Postfix, Sendmail, Exchange, Office 365,
 * Courier, Messaging Server, SES, ...); then the plain-text formats of MTAs that attach no DSN; then the
 * auto-reply check; the generic text fallback is last.
 */
export const DETECTORS: readonly FormatDetector[] = [
  AMAZON_SES_NOTIFICATION,
  ARF,
  SIEVE_REJECT,
  OPENSMTPD,
  EZWEB,
  RFC3464,
  GOOGLE_GROUPS,
  GMAIL,
  EXIM,
  QMAIL,
  DRAGONFLY,
  LOTUS_NOTES,
  DOMINO_TEXT,
  EXCHANGE_LEGACY,
  EXCHANGE_MODERN,
  KDDI,
  SENDMAIL_TEXT,
  SENDMAIL_V5,
  ZOHO,
  FML,
  AUTO_REPLY,
  GENERIC_TEXT,
];
