/**
 * Serves the operator console (apps/console, built to static files) under /console from the API process: no second
 * backend, and the console's API calls are same-origin, so the session cookie can be SameSite=Strict. Files come
 * pre-compressed (the console's build writes .br and .gz next to each asset); content-hashed assets are cached
 * for a year, index.html never, and every unknown path under /console is the single-page app's index.html (its
 * router shows the page or "not found").
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const CONSOLE_PREFIX = '/console';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Script only from this origin; styles inline too (the component library sets style attributes); no framing (no
 * clickjacking of "unblock" buttons); API calls to this origin only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}

export async function registerConsole(app: FastifyInstance, options: { dir: string | null }): Promise<void> {
  const dir = options.dir;
  const hidden = { schema: { hide: true }, config: { scope: 'public' as const, rateLimit: false as const } };
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The operator console is not built. Run: pnpm --filter @bounce/console build\n');
    app.get(CONSOLE_PREFIX, hidden, notBuilt);
    app.get(`${CONSOLE_PREFIX}/*`, hidden, notBuilt);
    return;
  }
  await app.register(async (scope) => {
    // serve: false: one route below decides between a built file and the app's index.html.
    await scope.register(fastifyStatic, {
      root: dir,
      serve: false,
      preCompressed: true,
      index: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        reply.header('x-content-type-options', 'nosniff');
      },
    });
    const sendIndex = async (reply: FastifyReply) => {
      securityHeaders(reply);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    };
    // "/console" and "/console/" (the router ignores trailing slashes) are the app's start page.
    scope.get(CONSOLE_PREFIX, hidden, async (_request, reply) => sendIndex(reply));
    scope.get(`${CONSOLE_PREFIX}/*`, hidden, async (request, reply) => {
      const path = (request.params as { '*'?: string })['*'] ?? '';
      // A built file (no hidden or parent segments); anything else is a client-side route of the app.
      const segments = path.split('/');
      if (
        path !== '' &&
        segments.every((s) => s !== '' && !s.startsWith('.')) &&
        path !== 'index.html' &&
        isFile(join(dir, path))
      ) {
        return reply.sendFile(path);
      }
      return sendIndex(reply);
    });
  });
}
