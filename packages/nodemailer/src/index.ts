/**
 * Bounce tracking for an application that already sends with nodemailer, in one line of set-up:
 *
 *   const transporter = trackBounces(nodemailer.createTransport(smtp), { baseUrl, apiKey });
 *   await transporter.sendMail({ from, to, subject, text, bounce: { category: 'invoice', externalId: 'inv-42' } });
 *
 * Each `sendMail` then asks the can-send check for its category (a recipient blocked for it gets no copy, unless the
 * category is exempt like invoices; option `blocked`), records one send per recipient through the API (POST
 * /v1/sends/batch, the typed @bounce/api-client), sends each recipient its own copy with the envelope sender (MAIL FROM) the API handed out
 * (the signed VERP return path, so its bounce is matched to the send exactly) and the correlation headers, and
 * reports a synchronous rejection by the transport (the server answered 4xx/5xx during the SMTP dialogue, so no
 * bounce message will come) as a rejection (POST /v1/rejections), where the rules apply it like a bounce.
 *
 * A failure to reach the API throws before anything is sent (the caller retries, as for a transport failure);
 * recording is idempotent on the externalId when one is given.
 */
import { randomUUID } from 'node:crypto';
import { type ApiClient, type ApiClientOptions, createApiClient, type Schema, unwrap } from '@bounce/api-client';
import type { SendMailOptions, SentMessageInfo, Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import {
  type BlockedAction,
  RecipientsSuppressedError,
  type RefusedRecipient,
  refusedRecipients,
  SUPPRESSED_HEADER,
} from './can-send.js';
import { type SmtpRejection, smtpRejectionOf } from './smtp-rejection.js';

export {
  type BlockedAction,
  RecipientsSuppressedError,
  type RefusedRecipient,
  refusedRecipients,
  SUPPRESSED_HEADER,
} from './can-send.js';
export { type SmtpRejection, smtpRejectionOf } from './smtp-rejection.js';

/** How one message is filed: the send's category and list, the sender's own id for idempotent recording. */
export type BounceSendOptions = {
  /** invoice, newsletter, transactional, ... (the rules treat categories differently). Default transactional. */
  category?: string;
  listId?: string;
  campaignId?: string;
  /**
   * The application's own id for the message, e.g. the invoice number: recording it again (a retry) is recognised.
   * With several recipients each send gets `<externalId>/<recipient>`.
   */
  externalId?: string;
};

export type TrackedMailOptions = SendMailOptions & { bounce?: BounceSendOptions };

/** One recipient's copy: its send, and what became of it. */
export type TrackedSend = {
  recipient: string;
  sendId: string;
  returnPath: string | null;
  /** The transport's answer, when it accepted the copy. */
  info?: SentMessageInfo;
  /** The synchronous rejection, reported to the API. */
  rejection?: SmtpRejection;
  /** Any other failure (connection, TLS, ...): nothing reported, the caller decides. */
  error?: unknown;
  /** Under `blocked: 'tag'`: the can-send check refused this recipient; the copy went out with X-Bounce-Suppressed. */
  suppressed?: RefusedRecipient;
};

export type TrackedSentInfo = {
  messageId: string;
  accepted: string[];
  rejected: string[];
  sends: TrackedSend[];
  /** Under `blocked: 'refuse'`: recipients the can-send check refused; nothing was recorded or sent to them. */
  suppressed: RefusedRecipient[];
};

export type TrackBouncesOptions = Pick<ApiClientOptions, 'baseUrl' | 'apiKey' | 'fetch'> & {
  /** An existing client instead of baseUrl/apiKey. */
  client?: ApiClient;
  /** Category when a message names none. Default transactional (the API's default). */
  defaultCategory?: string;
  /** Remote MTA named in reported rejections. Default the transport's host option, when it has one. */
  remoteMta?: string;
  /**
   * The can-send check before each message (one POST /v1/can-send per message, for its category and list): a
   * recipient that is blocked for the category (invoices and other exempt categories pass) gets no copy and is
   * listed in `info.suppressed` (`refuse`, the default; when every recipient is refused sendMail throws
   * RecipientsSuppressedError), gets its copy tagged `X-Bounce-Suppressed: yes` (`tag`), or no check is made
   * (`send`).
   */
  blocked?: BlockedAction;
};

type SendMail = (mail: TrackedMailOptions) => Promise<TrackedSentInfo>;

/** The transporter, whose sendMail now records, tags and reports (a promise, or the usual callback). */
export type TrackedTransporter<T extends Transporter> = Omit<T, 'sendMail'> & {
  sendMail(mail: TrackedMailOptions): Promise<TrackedSentInfo>;
  sendMail(mail: TrackedMailOptions, callback: (err: Error | null, info?: TrackedSentInfo) => void): void;
};

/** Adds bounce tracking to a nodemailer transporter (in place; returns it with its new type). */
export function trackBounces<T extends Transporter>(
  transporter: T,
  options: TrackBouncesOptions,
): TrackedTransporter<T> {
  const client =
    options.client ?? createApiClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, fetch: options.fetch });
  const plainSendMail = transporter.sendMail.bind(transporter) as (mail: SendMailOptions) => Promise<SentMessageInfo>;
  const transportHost = (transporter as unknown as { options?: { host?: unknown } }).options?.host;
  const remoteMta = options.remoteMta ?? (typeof transportHost === 'string' ? transportHost : undefined);
  const send: SendMail = (mail) =>
    sendTracked(mail, {
      client,
      send: plainSendMail,
      defaultCategory: options.defaultCategory,
      remoteMta,
      blocked: options.blocked ?? 'refuse',
    });
  const tracked = transporter as unknown as TrackedTransporter<T>;
  (tracked as { sendMail: unknown }).sendMail = (
    mail: TrackedMailOptions,
    callback?: (err: Error | null, info?: TrackedSentInfo) => void,
  ) => {
    const result = send(mail);
    if (!callback) return result;
    result.then(
      (info) => callback(null, info),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
    return undefined;
  };
  return tracked;
}

export type SendContext = {
  client: ApiClient;
  send: (mail: SendMailOptions) => Promise<SentMessageInfo>;
  defaultCategory?: string | undefined;
  remoteMta?: string | undefined;
  /** The can-send check (see TrackBouncesOptions.blocked). Default `send`: no check (the relay makes its own). */
  blocked?: BlockedAction | undefined;
};

type RecordedSend = Schema<'RecordedSend'>;

/**
 * The core, also used by the SMTP relay: record one send per recipient, send each copy with its return path and
 * headers, report synchronous rejections. Throws when every copy failed (the first copy's error), so a one-recipient
 * message behaves as with plain nodemailer; otherwise answers what happened to each copy.
 */
export async function sendTracked(mail: TrackedMailOptions, context: SendContext): Promise<TrackedSentInfo> {
  const { bounce, ...message } = mail;
  const addressed = recipientsOf(message);
  if (addressed.length === 0) throw new Error('trackBounces: the message has no recipient');
  const category = bounce?.category ?? context.defaultCategory;
  const blocked = context.blocked ?? 'send';
  const refused =
    blocked === 'send' ? [] : await refusedRecipients(context.client, addressed, category, bounce?.listId);
  const refusedByAddress = new Map(refused.map((r) => [r.recipient, r]));
  const suppressed = blocked === 'refuse' ? refused : [];
  const recipients = blocked === 'refuse' ? addressed.filter((a) => !refusedByAddress.has(a)) : addressed;
  if (recipients.length === 0) throw new RecipientsSuppressedError(refused);
  const messageId = message.messageId ?? `<${randomUUID()}@${domainOf(fromAddressOf(message)) ?? 'localhost'}>`;
  const sentAt = new Date().toISOString();
  const recorded = unwrap(
    await context.client.POST('/v1/sends/batch', {
      body: {
        items: recipients.map((recipient) => ({
          recipient,
          messageId,
          sentAt,
          ...(category ? { category } : {}),
          ...(bounce?.listId ? { listId: bounce.listId } : {}),
          ...(bounce?.campaignId ? { campaignId: bounce.campaignId } : {}),
          ...(bounce?.externalId
            ? { externalId: recipients.length === 1 ? bounce.externalId : `${bounce.externalId}/${recipient}` }
            : {}),
        })),
      },
    }),
  ).items;

  // One copy per recipient: a VERP return path names one send, so each recipient needs its own envelope.
  const sends = await Promise.all(
    recipients.map((recipient, i) =>
      sendCopy(message, recipient, messageId, recorded[i] as RecordedSend, context, refusedByAddress.get(recipient)),
    ),
  );
  const failed = sends.filter((s) => !s.info);
  if (failed.length === sends.length) {
    const first = sends[0] as TrackedSend;
    throw Object.assign(first.error instanceof Error ? first.error : new Error(String(first.error)), { sends });
  }
  return {
    messageId,
    accepted: sends.filter((s) => s.info).map((s) => s.recipient),
    rejected: failed.map((s) => s.recipient),
    sends,
    suppressed,
  };
}

async function sendCopy(
  message: SendMailOptions,
  recipient: string,
  messageId: string,
  recorded: RecordedSend,
  context: SendContext,
  suppressed: RefusedRecipient | undefined,
): Promise<TrackedSend> {
  const base = {
    recipient,
    sendId: recorded.id,
    returnPath: recorded.returnPath,
    ...(suppressed ? { suppressed } : {}),
  };
  const envelopeFrom = recorded.returnPath ?? envelopeFromOf(message);
  const headers = suppressed ? { ...recorded.headers, [SUPPRESSED_HEADER]: 'yes' } : recorded.headers;
  const copy: SendMailOptions = {
    ...message,
    messageId,
    envelope: { ...(envelopeFrom ? { from: envelopeFrom } : {}), to: [recipient] },
    ...(message.raw !== undefined
      ? { raw: await withHeaderLines(message.raw, headers) }
      : { headers: withHeaders(message.headers, headers) }),
  };
  try {
    const info = await context.send(copy);
    return { ...base, info };
  } catch (err) {
    const rejection = smtpRejectionOf(err);
    if (!rejection) return { ...base, error: err };
    unwrap(
      await context.client.POST('/v1/rejections', {
        body: {
          sendId: recorded.id,
          replyCode: rejection.replyCode,
          text: rejection.text,
          occurredAt: new Date().toISOString(),
          willRetry: false,
          // One report per send: a replayed sendMail of the same recorded send is not counted twice.
          idempotencyKey: `smtp-${recorded.id}`,
          ...(rejection.enhancedStatus ? { enhancedStatus: rejection.enhancedStatus } : {}),
          ...(context.remoteMta ? { remoteMta: context.remoteMta } : {}),
        },
      }),
    );
    return { ...base, rejection, error: err };
  }
}

/** The addresses of an address field (a string list, address objects, or arrays of them), display names dropped. */
function addressesOf(field: unknown): string[] {
  if (!field) return [];
  if (Array.isArray(field)) return field.flatMap(addressesOf);
  if (typeof field === 'string') {
    return addressparser(field, { flatten: true })
      .map((a) => a.address)
      .filter((a) => a.includes('@'));
  }
  const address = (field as { address?: unknown }).address;
  return typeof address === 'string' && address.includes('@') ? [address] : [];
}

/** The envelope recipients: the given envelope's, else To, Cc and Bcc; each once (case-insensitive). */
function recipientsOf(message: SendMailOptions): string[] {
  const envelope = message.envelope as { to?: unknown } | undefined;
  const all = envelope?.to ? addressesOf(envelope.to) : [message.to, message.cc, message.bcc].flatMap(addressesOf);
  const seen = new Set<string>();
  return all.filter((a) => {
    const key = a.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromAddressOf(message: SendMailOptions): string | undefined {
  const [first] = addressesOf(message.from);
  return first;
}

function envelopeFromOf(message: SendMailOptions): string | undefined {
  const envelope = message.envelope as { from?: unknown } | undefined;
  const [first] = addressesOf(envelope?.from);
  return first ?? fromAddressOf(message);
}

function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at > 0 ? address.slice(at + 1) : undefined;
}

function withHeaders(headers: SendMailOptions['headers'], add: Record<string, string>): SendMailOptions['headers'] {
  if (Array.isArray(headers)) return [...headers, ...Object.entries(add).map(([key, value]) => ({ key, value }))];
  return { ...headers, ...add };
}

/** A raw message with the header lines put in front (its own headers follow; nothing else changes). */
async function withHeaderLines(raw: NonNullable<SendMailOptions['raw']>, add: Record<string, string>): Promise<Buffer> {
  const lines = Object.entries(add)
    .map(([key, value]) => `${key}: ${value.replace(/[\r\n]+/g, ' ')}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(lines, 'utf8'), await bufferOf(raw)]);
}

async function bufferOf(raw: NonNullable<SendMailOptions['raw']>): Promise<Buffer> {
  if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
  if (Buffer.isBuffer(raw)) return raw;
  if (typeof (raw as NodeJS.ReadableStream)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of raw as NodeJS.ReadableStream) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  }
  throw new Error('trackBounces: a raw message must be a string, a Buffer or a stream');
}
