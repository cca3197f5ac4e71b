import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OAuth 2.0 authorization server on loopback for tests, playing Microsoft's and Google's part: the device
 * authorization grant (RFC 8628), the authorization-code grant with PKCE (RFC 7636; the "user" consents at once),
 * refresh tokens that rotate (as Microsoft's do), token introspection (RFC 7662, which Dovecot's oauth2 passdb asks)
 * and revocation (RFC 7009). Hand-written on node:http on purpose: the tests must steer what a real provider does
 * on its own (a user approving on another device, an administrator revoking consent, a token expiring), which
 * mock-server libraries do not expose. Opaque random tokens; everything is in memory.
 */
export type TestOAuthServerOptions = {
  /** Client id every request must name. Default "bounce-test-client". */
  clientId?: string;
  /** When set, token requests must authenticate with it (client_secret_post or basic); else a public client. */
  clientSecret?: string;
  /** Lifetime of access tokens in seconds. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Device codes expire after this many seconds. Default 600. */
  deviceCodeTtlSeconds?: number;
  /** Device flow polling interval the server asks for, in seconds. Default 1 (tests). */
  deviceIntervalSeconds?: number;
  /** The user who consents at the authorization endpoint from the start (setConsentingUser changes it). */
  consentingUser?: string;
};

export type TestOAuthServer = {
  /** http://127.0.0.1:port */
  url: string;
  clientId: string;
  endpoints: {
    authorization: string;
    token: string;
    deviceAuthorization: string;
    introspection: string;
    revocation: string;
  };
  /** The user signs in on their other device and approves the device code shown as `userCode`. */
  approveDevice: (userCode: string, username: string) => void;
  /** The user declines (the next poll answers access_denied). */
  denyDevice: (userCode: string) => void;
  /** The user who will consent at the authorization endpoint (default none: the endpoint answers access_denied). */
  setConsentingUser: (username: string | undefined) => void;
  /** Every access token of the user expires now (refresh tokens stay valid). */
  expireAccessTokens: (username: string) => void;
  /** An administrator revokes the user's consent: every token and refresh token of the user stops working. */
  revokeUser: (username: string) => void;
  /** Counts of token requests by grant type (refresh_token, device_code, authorization_code). */
  tokenRequests: Record<string, number>;
  /** Introspection calls (Dovecot's). */
  introspections: () => number;
  stop: () => Promise<void>;
};

type Grant = { username: string; scope: string; revoked: boolean };
type DeviceRequest = {
  deviceCode: string;
  userCode: string;
  scope: string;
  expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
  username?: string;
  lastPollAt?: number;
};
type AccessToken = { grant: Grant; expiresAt: number };
type CodeRequest = { grant: Grant; challenge: string; redirectUri: string; used: boolean };

const MAX_BODY = 64 * 1024;

export async function startTestOAuthServer(options: TestOAuthServerOptions = {}): Promise<TestOAuthServer> {
  const clientId = options.clientId ?? 'bounce-test-client';
  const accessTtl = options.accessTokenTtlSeconds ?? 3600;
  const interval = options.deviceIntervalSeconds ?? 1;
  const devices = new Map<string, DeviceRequest>();
  const userCodes = new Map<string, DeviceRequest>();
  const accessTokens = new Map<string, AccessToken>();
  const refreshTokens = new Map<string, Grant>();
  const codes = new Map<string, CodeRequest>();
  const tokenRequests: Record<string, number> = {};
  let consentingUser: string | undefined = options.consentingUser;
  let introspections = 0;

  const issue = (grant: Grant) => {
    const accessToken = token('at');
    const refreshToken = token('rt');
    accessTokens.set(accessToken, { grant, expiresAt: Date.now() + accessTtl * 1000 });
    refreshTokens.set(refreshToken, grant);
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: accessTtl,
      scope: grant.scope,
    };
  };

  const clientAuthenticated = (req: IncomingMessage, form: URLSearchParams): boolean => {
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const [u, p] = Buffer.from(basic[1], 'base64').toString().split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    if (id !== clientId) return false;
    return options.clientSecret === undefined || secret === options.clientSecret;
  };

  const handleToken = (req: IncomingMessage, form: URLSearchParams, res: ServerResponse) => {
    const grantType = form.get('grant_type') ?? '';
    tokenRequests[grantType] = (tokenRequests[grantType] ?? 0) + 1;
    if (!clientAuthenticated(req, form)) return oauthError(res, 401, 'invalid_client');
    if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
      const device = devices.get(form.get('device_code') ?? '');
      if (!device || device.state === 'used') return oauthError(res, 400, 'invalid_grant');
      if (Date.now() > device.expiresAt) return oauthError(res, 400, 'expired_token');
      if (device.state === 'denied') return oauthError(res, 400, 'access_denied');
      if (device.state === 'pending') return oauthError(res, 400, 'authorization_pending');
      device.state = 'used';
      return json(res, 200, issue({ username: device.username!, scope: device.scope, revoked: false }));
    }
    if (grantType === 'authorization_code') {
      const request = codes.get(form.get('code') ?? '');
      if (!request || request.used) return oauthError(res, 400, 'invalid_grant');
      request.used = true;
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== request.challenge || form.get('redirect_uri') !== request.redirectUri) {
        return oauthError(res, 400, 'invalid_grant');
      }
      return json(res, 200, issue(request.grant));
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant || grant.revoked) return oauthError(res, 400, 'invalid_grant');
      // Rotation: the presented refresh token is spent (a second use answers invalid_grant, as strict providers do).
      refreshTokens.delete(presented);
      return json(res, 200, issue(grant));
    }
    return oauthError(res, 400, 'unsupported_grant_type');
  };

  const server = createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'server_error' });
    });
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const form = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    switch (`${req.method} ${url.pathname}`) {
      case 'POST /device': {
        if (form.get('client_id') !== clientId) return oauthError(res, 401, 'invalid_client');
        const device: DeviceRequest = {
          deviceCode: token('dc'),
          userCode: randomBytes(4).toString('hex').toUpperCase(),
          scope: form.get('scope') ?? '',
          expiresAt: Date.now() + (options.deviceCodeTtlSeconds ?? 600) * 1000,
          state: 'pending',
        };
        devices.set(device.deviceCode, device);
        userCodes.set(device.userCode, device);
        return json(res, 200, {
          device_code: device.deviceCode,
          user_code: device.userCode,
          verification_uri: `${base()}/activate`,
          expires_in: options.deviceCodeTtlSeconds ?? 600,
          interval,
          message: `To sign in, open ${base()}/activate and enter the code ${device.userCode}.`,
        });
      }
      case 'POST /token':
        return handleToken(req, form, res);
      case 'GET /authorize': {
        const redirectUri = url.searchParams.get('redirect_uri');
        const state = url.searchParams.get('state');
        if (url.searchParams.get('client_id') !== clientId || !redirectUri) {
          return oauthError(res, 400, 'invalid_request');
        }
        const back = new URL(redirectUri);
        if (state) back.searchParams.set('state', state);
        const challenge = url.searchParams.get('code_challenge');
        if (!consentingUser || !challenge || url.searchParams.get('code_challenge_method') !== 'S256') {
          back.searchParams.set('error', consentingUser ? 'invalid_request' : 'access_denied');
        } else {
          const code = token('code');
          const grant = { username: consentingUser, scope: url.searchParams.get('scope') ?? '', revoked: false };
          codes.set(code, { grant, challenge, redirectUri, used: false });
          back.searchParams.set('code', code);
        }
        res.writeHead(302, { location: back.toString() }).end();
        return;
      }
      case 'POST /introspect': {
        introspections++;
        const entry = accessTokens.get(form.get('token') ?? '');
        if (!entry || entry.grant.revoked || Date.now() >= entry.expiresAt) return json(res, 200, { active: false });
        return json(res, 200, {
          active: true,
          username: entry.grant.username,
          scope: entry.grant.scope,
          exp: Math.floor(entry.expiresAt / 1000),
        });
      }
      case 'POST /revoke': {
        const presented = form.get('token') ?? '';
        const grant = refreshTokens.get(presented) ?? accessTokens.get(presented)?.grant;
        if (grant) grant.revoked = true;
        res.writeHead(200).end();
        return;
      }
      default:
        json(res, 404, { error: 'not_found' });
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = base();

  const grantsOf = (username: string) =>
    [...refreshTokens.values(), ...[...accessTokens.values()].map((a) => a.grant)].filter(
      (g) => g.username === username,
    );

  return {
    url,
    clientId,
    endpoints: {
      authorization: `${url}/authorize`,
      token: `${url}/token`,
      deviceAuthorization: `${url}/device`,
      introspection: `${url}/introspect`,
      revocation: `${url}/revoke`,
    },
    approveDevice: (userCode, username) => {
      const device = userCodes.get(userCode);
      if (!device) throw new Error(`no device request with user code ${userCode}`);
      device.state = 'approved';
      device.username = username;
    },
    denyDevice: (userCode) => {
      const device = userCodes.get(userCode);
      if (!device) throw new Error(`no device request with user code ${userCode}`);
      device.state = 'denied';
    },
    setConsentingUser: (username) => {
      consentingUser = username;
    },
    expireAccessTokens: (username) => {
      for (const entry of accessTokens.values()) if (entry.grant.username === username) entry.expiresAt = 0;
    },
    revokeUser: (username) => {
      for (const grant of grantsOf(username)) grant.revoked = true;
    },
    tokenRequests,
    introspections: () => introspections,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function token(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function oauthError(res: ServerResponse, status: number, error: string): void {
  json(res, status, { error, error_description: `test server: ${error}` });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
