import { envBoolean, envInt, loadEnvWith, secret } from '@bounce/config';
import { healthEnv, logEnv, shutdownEnv } from '@bounce/runtime';
import { z } from 'zod';

const credentialSchema = z.object({
  /** SMTP AUTH user name of the application. */
  user: z.string().min(1).max(200),
  /** Its password (at least 16 characters: these are machine credentials). */
  password: z.string().min(16, 'at least 16 characters'),
  /** The API key (write scope) the relay records this application's sends with: it decides the tenant. */
  apiKey: z.string().min(16),
  /** Category of its messages when they carry no category header (e.g. invoice). Default transactional. */
  category: z.string().trim().min(1).max(100).optional(),
  /** List of its messages when they carry no list header. */
  listId: z.string().trim().min(1).max(200).optional(),
});

export type RelayCredential = z.infer<typeof credentialSchema>;

/** A JSON array of credentials, e.g. [{"user":"crm","password":"...","apiKey":"bk_...","category":"newsletter"}]. */
const credentialsSchema = z
  .string({ message: 'required: a JSON array of {user, password, apiKey, category?, listId?}' })
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(credentialSchema)
      .min(1)
      .refine((list) => new Set(list.map((c) => c.user)).size === list.length, 'user names must be unique'),
  );

const headerName = z.string().regex(/^[!-9;-~]+$/, 'a header field name');

export const relayEnvSchema = z.object({
  /** SMTP submission port. Default 2587. */
  RELAY_PORT: envInt(2587, 0, 65535),
  /** Default 0.0.0.0. */
  RELAY_HOST: z.string().min(1).default('0.0.0.0'),
  /** Name in the greeting and EHLO. Default the machine's host name. */
  RELAY_HOSTNAME: z.string().min(1).optional(),
  /** PEM certificate and key files for STARTTLS. Without them STARTTLS is off (see RELAY_ALLOW_INSECURE_AUTH). */
  RELAY_TLS_CERT_FILE: z.string().min(1).optional(),
  RELAY_TLS_KEY_FILE: z.string().min(1).optional(),
  /** Accept AUTH without TLS (local development and tests only: passwords travel in clear). Default false. */
  RELAY_ALLOW_INSECURE_AUTH: envBoolean(false),
  /** The applications allowed to submit (JSON, see credentialsSchema); also as RELAY_CREDENTIALS_FILE. */
  RELAY_CREDENTIALS: secret(credentialsSchema),
  /** The bounce-processing API, e.g. http://127.0.0.1:3000. Required. */
  BOUNCE_API_URL: z.string().url(),
  /** Where messages go on, e.g. smtp://user:pass@smarthost.example:587 (smtps:// for implicit TLS). Required. */
  SMARTHOST_URL: z.string().url(),
  /** Verify the smarthost's TLS certificate. Default true. */
  SMARTHOST_TLS_VERIFY: envBoolean(true),
  /** Connections kept open to the smarthost. Default 5. */
  SMARTHOST_MAX_CONNECTIONS: envInt(5, 1, 100),
  /** Largest message accepted (announced with SIZE; larger ones get 552). Default 25 MiB. */
  RELAY_MAX_MESSAGE_BYTES: envInt(25 * 1024 * 1024, 1024, 200 * 1024 * 1024),
  /** Client connections at once; more are refused with 421. Default 100. */
  RELAY_MAX_CLIENTS: envInt(100, 1, 10_000),
  /** Messages being relayed at once; beyond it MAIL FROM answers 451 (try again later). Default 20. */
  RELAY_MAX_IN_FLIGHT: envInt(20, 1, 1_000),
  /** Header naming a message's category (invoice, newsletter, ...). Default X-Bounce-Category. */
  RELAY_CATEGORY_HEADER: headerName.default('X-Bounce-Category'),
  /** Header naming a message's list. Default X-Bounce-List. */
  RELAY_LIST_HEADER: headerName.default('X-Bounce-List'),
  /**
   * A recipient the can-send check refuses for the message's category (blocked, and the category not exempt like
   * invoices): refuse the message with 550 5.7.1 naming it, or tag (relay it with X-Bounce-Suppressed). Default refuse.
   */
  RELAY_BLOCKED_ACTION: z.enum(['refuse', 'tag']).default('refuse'),
  ...healthEnv(9105),
  ...shutdownEnv,
  ...logEnv,
});

export type RelayEnv = z.infer<typeof relayEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): RelayEnv {
  return loadEnvWith(relayEnvSchema, source);
}
