/**
 * The API's words the console translates (states, reasons, step names): each dictionary maps every one of them, so
 * a value the API adds is a compile error in every language until it is translated, not an English code on screen.
 */
import type { Schema } from '../api';

export type AddressState = Schema<'ContactAddressState'>['state'];

/** Why an address is blocked (the rules' SuppressionReason; the API sends it as a string). */
export const SUPPRESSION_REASONS = ['hard-bounce', 'escalation', 'complaint', 'manual', 'import', 'domain'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

type AccountTest = Schema<'MailboxAccountTest'>;
export type AccountTestStep =
  | AccountTest['receiving']['steps'][number]['step']
  | AccountTest['sending']['steps'][number]['step'];

export type SuggestionReason = Schema<'AddressSuggestion'>['reason'];
export type SuggestionStatus = Schema<'AddressSuggestion'>['status'];
export type ArchivedKind = Schema<'ArchivedMessage'>['kind'];
