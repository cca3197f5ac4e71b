import { Counter, type Registry } from 'prom-client';

export type ParseMetrics = {
  messages: Counter<'kind' | 'route'>;
  recipients: Counter<'class' | 'reason'>;
};

export function createParseMetrics(registry: Registry): ParseMetrics {
  return {
    messages: new Counter({
      name: 'bounce_parsed_messages_total',
      help: 'Raw messages parsed, by parser kind and where they went (apply or manual)',
      labelNames: ['kind', 'route'],
      registers: [registry],
    }),
    recipients: new Counter({
      name: 'bounce_parsed_recipients_total',
      help: 'Per-recipient verdicts sent to the rules, by bounce class and reason',
      labelNames: ['class', 'reason'],
      registers: [registry],
    }),
  };
}
