import { normaliseAddress } from './address.js';
import type { BounceContext, Candidate, Detection, FormatDetector } from './format-types.js';

/**
 * Amazon SES event notifications delivered by e-mail through SNS ("AWS Notification Message"): a JSON
 * document with notificationType Bounce, Complaint or Delivery. Field names follow the SES notification
 * contents reference (bounce.bouncedRecipients[].status/diagnosticCode, complaint.complainedRecipients,
 * complaint.complaintFeedbackType, delivery.recipients, delivery.smtpResponse).
 */
type SesRecipient = { emailAddress?: string; status?: string; action?: string; diagnosticCode?: string };
type SesNotification = {
  notificationType?: string;
  eventType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: SesRecipient[]; reportingMTA?: string; remoteMtaIp?: string };
  complaint?: { complainedRecipients?: SesRecipient[]; complaintFeedbackType?: string };
  delivery?: { recipients?: string[]; smtpResponse?: string; reportingMTA?: string; timestamp?: string };
};

/** Parses the JSON, tolerating the line folding ("!\n " or plain "\n ") some relays insert in long lines. */
function parseNotification(text: string): SesNotification | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return null;
  const json = text.slice(start, end + 1);
  for (const candidate of [json, json.replace(/!?\n[ \t]?/g, ''), json.replace(/\n/g, '')]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (value && typeof value === 'object') return unwrapSns(value as SesNotification & { Message?: unknown });
    } catch {
      // try the next unfolding
    }
  }
  return null;
}

/**
 * An SNS subscription that delivers the whole SNS envelope ("Type": "Notification") carries the SES notification as a
 * JSON string in its "Message" field.
 */
function unwrapSns(value: SesNotification & { Message?: unknown }): SesNotification {
  if (typeof value.Message !== 'string' || value.notificationType || value.eventType) return value;
  try {
    const inner: unknown = JSON.parse(value.Message);
    return inner && typeof inner === 'object' ? (inner as SesNotification) : value;
  } catch {
    return value;
  }
}

export const AMAZON_SES_NOTIFICATION: FormatDetector = {
  name: 'amazonses',
  detect(ctx: BounceContext): Detection | null {
    const text = ctx.bounceText();
    // In an SNS envelope the notification is a JSON string, its quotes escaped (\"notificationType\").
    if (!/\\?"(?:notificationType|eventType)\\?"/.test(text)) return null;
    const n = parseNotification(text);
    if (!n) return null;
    const type = (n.notificationType ?? n.eventType ?? '').toLowerCase();
    if (type === 'bounce' && n.bounce) {
      const temporary = /transient/i.test(n.bounce.bounceType ?? '');
      const recipients = (n.bounce.bouncedRecipients ?? []).map(
        (r): Candidate => ({
          recipient: normaliseAddress(r.emailAddress ?? ''),
          action: temporary ? 'delayed' : 'failed',
          status: r.status ?? null,
          diagnostic: r.diagnosticCode ? r.diagnosticCode.replace(/^smtp;\s*/i, '') : null,
          reportingMta: n.bounce?.reportingMTA?.replace(/^dsn;\s*/i, '') ?? null,
        }),
      );
      return recipients.length ? { detectedBy: 'amazonses', recipients } : null;
    }
    if (type === 'complaint' && n.complaint) {
      const feedbackType = n.complaint.complaintFeedbackType ?? 'abuse';
      const recipients = (n.complaint.complainedRecipients ?? []).map(
        (r): Candidate => ({ recipient: normaliseAddress(r.emailAddress ?? ''), reason: 'feedback', feedbackType }),
      );
      return recipients.length ? { detectedBy: 'amazonses', kind: 'complaint', recipients } : null;
    }
    if (type === 'delivery' && n.delivery) {
      const response = n.delivery.smtpResponse ?? null;
      const recipients = (n.delivery.recipients ?? []).map(
        (r): Candidate => ({ recipient: normaliseAddress(r), action: 'delivered', diagnostic: response }),
      );
      return recipients.length ? { detectedBy: 'amazonses', recipients } : null;
    }
    return null;
  },
};
