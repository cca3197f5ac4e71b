/**
 * An address's state and why it is blocked, in the operator's language: on the address, contact and suppression
 * pages (a module of its own so the suppression list does not load the bounce views).
 */
import { Badge } from '@mantine/core';
import { useI18n } from '../i18n';
import { type AddressState, SUPPRESSION_REASONS, type SuppressionReason } from '../messages/vocabulary';

/** An address's state (active, blocked) as a badge, in the operator's language. */
export function StateBadge({ state }: { state: AddressState }) {
  const { t } = useI18n();
  return (
    <Badge color={state === 'blocked' ? 'red' : 'green'} variant="light" c="dark">
      {t.addresses.states[state]}
    </Badge>
  );
}

/** Why an address is blocked, in the operator's language (a reason this console does not know yet: as sent). */
export function SuppressionReasonText({ reason }: { reason: string }) {
  const { t } = useI18n();
  const known = (SUPPRESSION_REASONS as readonly string[]).includes(reason);
  return <>{known ? t.addresses.suppressionReasons[reason as SuppressionReason] : reason}</>;
}
