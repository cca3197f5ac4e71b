/**
 * The life of a stored bounce message (`raw_messages.status`), in one place:
 *
 *   received ──parse──▶ parsed ──apply──▶ applied   (every recipient's verdict committed)
 *       │                  │        └───▶ manual    (a recipient needs a human: unmatched, not a bounce...)
 *       └──parse──▶ manual │
 *       └──────────────────┴──give up──▶ failed    (every attempt of a worker failed; processing.failed event)
 *
 * applied, manual and failed are final: nothing moves a row out of them, and the fetch worker then moves the mail
 * out of the inbox (applied → processed folder, manual and failed → manual folder). Every write in this folder
 * guards on the statuses a transition may start from, so replays and concurrent workers are harmless.
 */

export const RAW_MESSAGE_STATUSES = ['received', 'parsed', 'applied', 'manual', 'failed'] as const;
export type RawMessageStatus = (typeof RAW_MESSAGE_STATUSES)[number];

/** Statuses a worker may still be working on: a row seen in one of them for too long has lost its job. */
export const UNFINISHED_RAW_STATUSES = ['received', 'parsed'] as const satisfies readonly RawMessageStatus[];

/** Statuses after which a message leaves the source folder: applied → processed, manual/failed → manual. */
export const FINAL_RAW_STATUSES = ['applied', 'manual', 'failed'] as const satisfies readonly RawMessageStatus[];
export type FinalRawStatus = (typeof FINAL_RAW_STATUSES)[number];

/** Statuses a parse job may (re)process; the others are final. */
export const PARSABLE_RAW_STATUSES = UNFINISHED_RAW_STATUSES;

/** Every allowed move, from → to. */
export const RAW_MESSAGE_TRANSITIONS: Readonly<Record<RawMessageStatus, readonly RawMessageStatus[]>> = {
  received: ['parsed', 'applied', 'manual', 'failed'],
  parsed: ['applied', 'manual', 'failed'],
  applied: [],
  manual: [],
  failed: [],
};

export function canMoveRawMessage(from: RawMessageStatus, to: RawMessageStatus): boolean {
  return RAW_MESSAGE_TRANSITIONS[from].includes(to);
}

/** The statuses a row may be in for a move to `to`: the guard of every status write. */
export function rawStatusesBefore(to: RawMessageStatus): RawMessageStatus[] {
  return RAW_MESSAGE_STATUSES.filter((from) => canMoveRawMessage(from, to));
}
