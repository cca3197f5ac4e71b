/**
 * The event-type table of apps/notify-worker/WEBHOOKS.md, rendered from the registry between two marker comments.
 */
import { EVENT_REGISTRY, EVENT_TYPES } from './registry.js';

export const TABLE_START = '<!-- event-types:start (generated from packages/events/src/registry.ts) -->';
export const TABLE_END = '<!-- event-types:end -->';

export function renderEventTypeTable(): string {
  const rows = EVENT_TYPES.map((type) => {
    const e = EVENT_REGISTRY[type];
    const priority = e.priority === 'high' ? '**high**' : 'normal';
    return `| \`${type}\` | ${priority} | ${e.when} | ${e.data} |`;
  });
  return ['| Type | Priority | When | `data` besides `type`, `tenantId` |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** The document with its table replaced by the rendering of the registry. Throws when the markers are missing. */
export function withEventTypeTable(markdown: string): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`WEBHOOKS.md lacks the markers ${TABLE_START} … ${TABLE_END}`);
  return `${markdown.slice(0, start + TABLE_START.length)}\n${renderEventTypeTable()}\n${markdown.slice(end)}`;
}
