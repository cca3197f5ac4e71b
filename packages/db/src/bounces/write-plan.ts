/**
 * What writing a batch's plan returns, and the rows the apply path writes besides the plan (bounce rows, raw message
 * statuses). The plan itself and its inputs are the rules' (@bounce/rules, batch/).
 */
import type { BounceDraft, MatchedSend } from '@bounce/rules';

export type WriteSummary = {
  auditRows: number;
  outboxEvents: number;
  addressesChanged: number;
  blocked: number;
  senderAlertsOpened: number;
};

export type WriteExtras = {
  /**
   * Bounce rows to insert first (ON CONFLICT DO NOTHING); their keys come back in `insertedKeys`, and one outbox
   * event is written per row actually inserted: bounce.recorded (applied) or bounce.unmatched.
   */
  bounces?: readonly BounceDraft[];
  /** The sends of those rows, by id: their events carry the send's summary. */
  sends?: ReadonlyMap<string, MatchedSend>;
  /** raw_messages rows to move to applied / manual. */
  rawStatuses?: readonly { id: string; status: 'applied' | 'manual' }[];
  /**
   * Called with the bounce keys statement 1 actually inserted, before statement 2: may throw to roll the batch
   * back (a concurrent worker inserted one of ours).
   */
  afterInsert?: (insertedKeys: ReadonlySet<string>) => void;
};
