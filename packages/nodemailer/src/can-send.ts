/**
 * The can-send check before a message leaves: the API's suppression verdict per recipient for the message's
 * category and list (POST /v1/can-send). Exempt categories such as invoices are allowed by the API even to blocked
 * addresses, so a caller only acts on `refused`. Shared by the plugin and the SMTP relay.
 */
import { type ApiClient, unwrap } from '@bounce/api-client';

/** What to do with a recipient the check refuses: not send it a copy, send it tagged, or skip the check. */
export type BlockedAction = 'refuse' | 'tag' | 'send';

/** A recipient the check refused, with the API's reason (e.g. "blocked (hard-bounce)"). */
export type RefusedRecipient = { recipient: string; reason: string };

/** The header a copy to a refused recipient carries under `tag`. */
export const SUPPRESSED_HEADER = 'X-Bounce-Suppressed';

/** The API answers up to 1,000 addresses per call (MAX_CAN_SEND_BATCH). */
const CAN_SEND_BATCH = 1000;

/** The recipients the can-send check refuses, in input order. */
export async function refusedRecipients(
  client: ApiClient,
  recipients: readonly string[],
  category: string | undefined,
  listId: string | undefined,
): Promise<RefusedRecipient[]> {
  const refused: RefusedRecipient[] = [];
  for (let start = 0; start < recipients.length; start += CAN_SEND_BATCH) {
    const addresses = recipients.slice(start, start + CAN_SEND_BATCH);
    const { results } = unwrap(
      await client.POST('/v1/can-send', {
        body: { addresses, ...(category ? { category } : {}), ...(listId ? { list: listId } : {}) },
      }),
    );
    for (const verdict of results)
      if (!verdict.allowed) refused.push({ recipient: verdict.input, reason: verdict.reason });
  }
  return refused;
}

/** Thrown by sendMail when the check refused every recipient (`refuse`): nothing was recorded or sent. */
export class RecipientsSuppressedError extends Error {
  readonly code = 'ERECIPIENTSSUPPRESSED';
  constructor(readonly refused: RefusedRecipient[]) {
    super(
      `Not sent: every recipient is suppressed for this category (${refused
        .map((r) => `${r.recipient}: ${r.reason}`)
        .join(', ')
        .slice(0, 400)})`,
    );
    this.name = 'RecipientsSuppressedError';
  }
}
