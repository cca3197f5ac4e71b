/**
 * The relay process on the shared bootstrap: no database or Redis of its own (it records through the API with each
 * application's key), a pooled nodemailer transport to the smarthost, and the SMTP server. Stopped in reverse
 * order: the SMTP server stops accepting and lets open sessions finish, then the smarthost pool closes.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '@bounce/config';
import { type RunningService, type ServiceDefinition, type StartOptions, startService } from '@bounce/runtime';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { type RelayEnv, relayEnvSchema } from './env.js';
import { createRelayServer, type RelayStats } from './relay-server.js';

type RelayExtra = { port: () => number; stats: () => RelayStats };

export type RelayProcess = RunningService<RelayExtra>;

function tlsOf(env: RelayEnv): { key: Buffer; cert: Buffer } | null {
  if (!env.RELAY_TLS_CERT_FILE && !env.RELAY_TLS_KEY_FILE) return null;
  if (!env.RELAY_TLS_CERT_FILE || !env.RELAY_TLS_KEY_FILE) {
    throw new ConfigError(['RELAY_TLS_CERT_FILE and RELAY_TLS_KEY_FILE go together']);
  }
  try {
    return { cert: readFileSync(env.RELAY_TLS_CERT_FILE), key: readFileSync(env.RELAY_TLS_KEY_FILE) };
  } catch (err) {
    throw new ConfigError([`RELAY_TLS_*_FILE: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}

export const relayService: ServiceDefinition<typeof relayEnvSchema, never, RelayExtra> = {
  name: 'smtp-relay',
  env: relayEnvSchema,
  database: () => null,
  validate: (env) => {
    if (!tlsOf(env) && !env.RELAY_ALLOW_INSECURE_AUTH) {
      throw new ConfigError([
        'RELAY_TLS_CERT_FILE/RELAY_TLS_KEY_FILE: AUTH needs STARTTLS; without a certificate set RELAY_ALLOW_INSECURE_AUTH=true (development only)',
      ]);
    }
  },
  parts: (ctx) => {
    const { env, logger } = ctx;
    const url = new URL(env.SMARTHOST_URL);
    const smarthost = nodemailer.createTransport({
      pool: true,
      maxConnections: env.SMARTHOST_MAX_CONNECTIONS,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      tls: { rejectUnauthorized: env.SMARTHOST_TLS_VERIFY },
    });
    let server: SMTPServer | undefined;
    let stats: RelayStats = { inFlight: 0, relayed: 0, refused: 0 };
    let port = 0;
    const subsystems = [
      {
        name: 'smarthost',
        start: () => {},
        stop: () => smarthost.close(),
      },
      {
        name: 'smtp',
        start: async () => {
          const created = createRelayServer({
            hostname: env.RELAY_HOSTNAME,
            tls: tlsOf(env),
            allowInsecureAuth: env.RELAY_ALLOW_INSECURE_AUTH,
            credentials: env.RELAY_CREDENTIALS,
            apiUrl: env.BOUNCE_API_URL,
            send: (mail) => smarthost.sendMail(mail),
            smarthostName: url.hostname,
            maxMessageBytes: env.RELAY_MAX_MESSAGE_BYTES,
            maxClients: env.RELAY_MAX_CLIENTS,
            maxInFlight: env.RELAY_MAX_IN_FLIGHT,
            categoryHeader: env.RELAY_CATEGORY_HEADER,
            listHeader: env.RELAY_LIST_HEADER,
            blockedAction: env.RELAY_BLOCKED_ACTION,
            logger,
          });
          server = created.server;
          stats = created.stats;
          server.on('error', (err) => logger.warn({ err }, 'relay: SMTP session error'));
          await new Promise<void>((resolve, reject) => {
            server?.once('error', reject);
            server?.listen(env.RELAY_PORT, env.RELAY_HOST, () => {
              server?.off('error', reject);
              resolve();
            });
          });
          const address = server.server.address();
          port = typeof address === 'object' && address ? address.port : env.RELAY_PORT;
          logger.info({ port, host: env.RELAY_HOST, starttls: !!tlsOf(env) }, 'smtp relay listening');
        },
        stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
      },
    ];
    return { subsystems, expose: { port: () => port, stats: () => stats } };
  },
};

export function startRelay(env: RelayEnv, options: StartOptions): Promise<RelayProcess> {
  return startService(relayService, env, options);
}
