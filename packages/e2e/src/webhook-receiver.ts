/**
 * A webhook receiver on 127.0.0.1 (the notify worker runs with WEBHOOK_ALLOW_LOOPBACK): records every POST and
 * checks its signature the way a customer's endpoint would (apps/notify-worker/WEBHOOKS.md), then answers 204 (or,
 * with `refuseFirstAttempt`, 503 to every delivery's first attempt, so each one goes through a retry). A version-2
 * batch is recorded as one entry per event it carries (with its batch id), so tests count events either way.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import {
  ATTEMPT_HEADER,
  BATCH_ID_HEADER,
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
} from '@bounce/webhooks';

export type ReceivedWebhook = {
  eventId: string | undefined;
  type: string | undefined;
  deliveryId: string | undefined;
  /** X-Bounce-Attempt: 1 for a delivery's first attempt. */
  attempt: number;
  /** The status this receiver answered: 2xx acknowledges the event, anything else asks for a retry. */
  answered: number;
  /** The signature verified with the subscription's secret (and a fresh timestamp). */
  isSignatureValid: boolean;
  /** X-Bounce-Batch-Id of a version-2 batch (the same for every event of the POST), else undefined. */
  batchId: string | undefined;
  body: WebhookBody;
  receivedAt: number;
};

/** The fields of the version-1 payload the tests look at. */
export type WebhookBody = {
  id: string;
  type: string;
  tenantId: string;
  priority: string;
  address: string | null;
  data: Record<string, unknown> & {
    bounce?: Record<string, unknown> | null;
    send?: Record<string, unknown> | null;
  };
};

export type WebhookReceiver = {
  url: string;
  /** The subscription's signing secret, known once the subscription is created. */
  setSecret: (secret: string) => void;
  received: () => ReceivedWebhook[];
  close: () => Promise<void>;
};

export async function startWebhookReceiver(
  path = '/hooks/bounces',
  options: { refuseFirstAttempt?: boolean } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let secret: string | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const isSignatureValid =
        secret !== undefined &&
        verifyWebhookSignature({ body: raw, header: header(req.headers, SIGNATURE_HEADER), secrets: secret }).ok;
      let parsed: WebhookBody | { version: 2; id: string; events: WebhookBody[] };
      try {
        parsed = JSON.parse(raw.toString('utf8')) as typeof parsed;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const attempt = Number(header(req.headers, ATTEMPT_HEADER) ?? 0);
      const answered = req.url !== path ? 404 : options.refuseFirstAttempt && attempt === 1 ? 503 : 204;
      const batchId = header(req.headers, BATCH_ID_HEADER);
      const receivedAt = Date.now();
      if ('events' in parsed) {
        for (const body of parsed.events) {
          received.push({
            eventId: body.id,
            type: body.type,
            deliveryId: undefined,
            attempt,
            answered,
            isSignatureValid,
            batchId,
            body,
            receivedAt,
          });
        }
      } else {
        received.push({
          eventId: header(req.headers, EVENT_ID_HEADER),
          type: header(req.headers, EVENT_TYPE_HEADER),
          deliveryId: header(req.headers, DELIVERY_ID_HEADER),
          attempt,
          answered,
          isSignatureValid,
          batchId,
          body: parsed,
          receivedAt,
        });
      }
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    setSecret: (s) => {
      secret = s;
    },
    received: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
