/**
 * The activity log stores what a request named (the actor "user:<id>", the route's parameters such as a mailbox's
 * id); people read names. For a page of entries this finds the words an operator knows: a person's e-mail (with
 * their name), an API key's name, the mailbox's name, the webhook's URL, the address itself. Each kind is looked
 * up once per page (the tables are a tenant's handful of accounts, keys, mailboxes and webhooks); something
 * deleted since keeps its id.
 */
import {
  type ActivityEntry,
  type Executor,
  listApiKeys,
  listMailboxes,
  listOperatorAccounts,
  listOperatorSubscriptions,
  listWebhookSubscriptions,
} from '@bounce/db';

export type LabelledActivityEntry = ActivityEntry & { actorLabel: string; targetLabel: string | null };

/** How a person is shown: "Olga Ops <ops@acme.example>", or the e-mail alone. */
export function personLabel(account: { email: string; name: string | null }): string {
  return account.name ? `${account.name} <${account.email}>` : account.email;
}

export function apiKeyLabel(key: { name: string; prefix: string }): string {
  return `${key.name} (${key.prefix}…)`;
}

type Lookup = (tenantId: string) => Promise<Map<string, string>>;

function lookups(db: Executor): Record<string, Lookup> {
  const byId =
    <T extends { id: string }>(list: (db: Executor, tenantId: string) => Promise<T[]>, label: (row: T) => string) =>
    async (tenantId: string) =>
      new Map((await list(db, tenantId)).map((row) => [row.id, label(row)]));
  return {
    operators: byId(listOperatorAccounts, personLabel),
    'api-keys': byId(listApiKeys, apiKeyLabel),
    mailboxes: byId(listMailboxes, (m) => m.name),
    webhooks: byId(listWebhookSubscriptions, (w) => w.url),
    'operator-subscriptions': byId(listOperatorSubscriptions, (s) => s.email),
  };
}

/** "PATCH /v1/mailboxes/:id/enable" → the resource ("mailboxes") and the parameter naming it ("id"). */
function resourceOf(action: string): { resource: string; param: string } | null {
  const path = action.split(' ')[1];
  if (!path) return null;
  const [, version, resource, param] = path.split('/');
  if (version !== 'v1' || !resource || !param?.startsWith(':')) return null;
  return { resource, param: param.slice(1) };
}

export async function labelActivity(
  db: Executor,
  tenantId: string,
  entries: ActivityEntry[],
): Promise<LabelledActivityEntry[]> {
  const available = lookups(db);
  const loaded = new Map<string, Promise<Map<string, string>>>();
  const table = (kind: string) => {
    const lookup = available[kind];
    if (!lookup) return null;
    let names = loaded.get(kind);
    if (!names) {
      names = lookup(tenantId);
      loaded.set(kind, names);
    }
    return names;
  };
  return Promise.all(
    entries.map(async (entry) => {
      const [actorKind, actorId] = entry.actor.split(':', 2);
      const actorTable =
        actorKind === 'user' ? table('operators') : actorKind === 'operator' ? table('api-keys') : null;
      const actorLabel = (actorId && (await actorTable)?.get(actorId)) || entry.actor;
      let targetLabel: string | null = null;
      const named = resourceOf(entry.action);
      const value = named ? entry.target?.[named.param] : undefined;
      if (named && typeof value === 'string') {
        const targetTable = table(named.resource);
        // Resources named by what people know already (an address, a domain, a contact's id) are shown as they are.
        targetLabel = targetTable ? ((await targetTable).get(value) ?? value) : value;
      }
      return { ...entry, actorLabel, targetLabel };
    }),
  );
}
