/**
 * Bounce mailboxes (IMAP accounts the fetch worker polls): create, update, delete, enable/disable, a step-by-step
 * connection test (before saving, or of a saved mailbox), and "fetch now" (the fetch worker's `requestFetchNow`,
 * deduplicated per mailbox). After every change the mailbox's polling schedule (a BullMQ job scheduler) is updated
 * at once with the fetch worker's `syncMailboxSchedule`; when Redis is absent or fails, the fetch worker's periodic
 * reconciliation catches up, so the change itself still succeeds. The password or OAuth2 token is
 * write-only: the store encrypts it on the way in and its read model has no secret column, and the response
 * schema below names no secret field either.
 */
import {
  createMailbox,
  deleteMailbox,
  getMailbox,
  invalidateAccessToken,
  listMailboxes,
  loadMailboxForConnection,
  loadTenantSmtpServerForConnection,
  type Mailbox,
  mailboxPatchSchema,
  newMailboxSchema,
  type TenantSmtpServerWithSecret,
  updateMailbox,
} from '@bounce/db';
import {
  assertCleartextAllowed,
  findAccountTestMessage,
  getMailboxAccessToken,
  type MailboxConnectionConfig,
  MailboxConnectionError,
  mailboxConnectionConfig,
  resolveMailboxTarget,
  type TestMessageSearch,
} from '@bounce/mailbox-access';
import { ACCOUNT_TEST_HEADER, checkSmtpSending, type SmtpCheckOptions, type SmtpCheckResult } from '@bounce/mailer';
import { requestFetchNow, syncMailboxSchedule } from '@bounce/queue';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, uuidParam } from '../http/common-schemas.js';
import {
  NDJSON_CONTENT_TYPE,
  ndjsonErrorLineSchema,
  sendNdjsonProgress,
  wantsNdjson,
} from '../http/ndjson-progress.js';
import { ApiProblem } from '../http/problem-details.js';
import { type MailboxConnectionTester, type RouteDeps, requireQueues } from './route-deps.js';

const TAGS = ['mailboxes'];

const mailboxSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    protocol: z.enum(['imap', 'pop3']),
    host: z.string(),
    port: z.number().int(),
    tlsMode: z.enum(['implicit', 'starttls', 'none']),
    tlsAllowInvalid: z.boolean(),
    authMethod: z.enum(['password', 'xoauth2', 'oauth2']),
    provider: z.enum(['microsoft', 'google']).nullable().meta({
      description:
        'Sign-in provider of an oauth2 mailbox: microsoft (Microsoft 365) or google (Google Workspace); null for password and xoauth2 mailboxes and for an oauth2 mailbox not signed in yet. With protocol (imap, pop3) it says what kind of account this is.',
    }),
    username: z.string(),
    sourceFolder: z.string(),
    processedFolder: z.string(),
    manualFolder: z.string(),
    pollIntervalSeconds: z.number().int(),
    useIdle: z.boolean(),
    leaveOnServer: z.boolean(),
    enabled: z.boolean(),
    consecutiveFailures: z.number().int(),
    maxConsecutiveFailures: z.number().int(),
    disabledReason: z.string().nullable(),
    lastError: z.string().nullable(),
    lastPollAt: z.date().nullable(),
    lastSuccessAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Mailbox', description: 'A bounce mailbox; the password/token is write-only and never returned' });

const sendingTestSchema = z
  .object({
    ok: z.boolean(),
    to: z.string(),
    smtpServer: z.enum(['tenant', 'installation']).meta({
      description: "Whose SMTP server was tested: the tenant's (/v1/smtp-server) when set, else the installation's",
    }),
    steps: z.array(
      z.object({
        step: z.enum(['connect', 'tls', 'authentication', 'send', 'delivery']),
        status: z.enum(['ok', 'failed', 'skipped']),
        ms: z.number(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'MailboxSendingTest' });
type SendingTestStep = z.infer<typeof sendingTestSchema>['steps'][number];

const connectionTestSchema = z
  .object({
    ok: z.boolean(),
    totalMs: z.number(),
    steps: z.array(
      z.object({
        step: z.enum(['dns', 'tcp', 'tls', 'authentication', 'folders']),
        status: z.enum(['ok', 'failed', 'skipped']),
        ms: z.number(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'MailboxConnectionTest' });

export type MailboxConnectionTestResult = z.infer<typeof connectionTestSchema>;
type ReceivingTestStep = MailboxConnectionTestResult['steps'][number];
type SendingTestResult = z.infer<typeof sendingTestSchema>;

/**
 * Live progress of the tests (`Accept: application/x-ndjson`): a step line as each step finishes, the part it
 * belongs to (receiving: the connection test; sending: the SMTP server and delivery) beside the step's own fields.
 */
const stepLineSchema = z
  .object({
    type: z.literal('step'),
    part: z.enum(['receiving', 'sending']),
    step: z.enum(['dns', 'tcp', 'tls', 'authentication', 'folders', 'connect', 'send', 'delivery']),
    status: z.enum(['ok', 'failed', 'skipped']),
    ms: z.number(),
    message: z.string(),
  })
  .meta({
    id: 'MailboxTestStepLine',
    description:
      'One step of a streamed test, written as soon as it finished (or was skipped); the steps arrive in the order of the final result',
  });
type StepLine = z.infer<typeof stepLineSchema>;
type EmitStep = (line: StepLine) => void;
const receivingStep =
  (emit: EmitStep | undefined) =>
  (step: ReceivingTestStep): void =>
    emit?.({ type: 'step', part: 'receiving', ...step });
const sendingStep =
  (emit: EmitStep | undefined) =>
  (step: SendingTestStep): void =>
    emit?.({ type: 'step', part: 'sending', ...step });

/**
 * The 200 of a test route: the JSON result, or with `Accept: application/x-ndjson` the same result streamed as step
 * lines followed by one `{"type":"result", ...}` line (an `{"type":"error", ...}` line instead if it failed midway).
 */
function testResponse<T extends z.ZodObject>(result: T, description: string) {
  const resultLine = z.object({ type: z.literal('result'), ...result.shape });
  return {
    description,
    content: {
      'application/json': { schema: result },
      [NDJSON_CONTENT_TYPE]: {
        schema: z.union([stepLineSchema, resultLine, ndjsonErrorLineSchema]).meta({
          description:
            'With Accept: application/x-ndjson: one JSON object per line, each step as it finishes ({"type":"step"}), then the full result ({"type":"result"}, the fields of the application/json answer), or {"type":"error"} if the test failed midway',
        }),
      },
    },
  };
}

const SENDING_STEPS = ['connect', 'tls', 'authentication', 'send', 'delivery'] as const;

const STREAMING_NOTE =
  'Live progress: with `Accept: application/x-ndjson` the 200 is a stream of JSON lines, `{"type":"step","part":"receiving"|"sending",step,status,ms,message}` as each step finishes (skipped steps too), then `{"type":"result",...}` with the fields of the JSON answer (or `{"type":"error",...}` with problem details if the test failed midway). Authentication, scope, not found and 503 are answered as usual, before any line.';

const accountTestSchema = z
  .object({
    ok: z.boolean().meta({ description: 'Receiving works, and sending too unless it was skipped' }),
    receiving: connectionTestSchema,
    sending: z.object({
      status: z.enum(['ok', 'failed', 'skipped']),
      reason: z.string().nullable().meta({
        description: 'Why sending was skipped (no SMTP server configured, receiving failed, no address); else null',
      }),
      to: z.string().nullable(),
      smtpServer: z.enum(['tenant', 'installation']).nullable(),
      steps: sendingTestSchema.shape.steps,
    }),
  })
  .meta({
    id: 'MailboxAccountTest',
    description:
      "The whole account test: receiving (DNS, TCP, TLS, authentication, folders) then sending through the tenant's SMTP server (else the installation's): connect, TLS, authentication, send a marked message to this mailbox, find it there (then delete it)",
  });

const sendingTestFields = z.object({
  to: z
    .email()
    .optional()
    .meta({ description: "The mailbox's address. Default its user name when that is an address" }),
  waitSeconds: z
    .number()
    .int()
    .min(0)
    .max(300)
    .default(60)
    .meta({ description: 'How long to wait for the message to arrive. Default 60' }),
});
const sendingTestBody = sendingTestFields.default({ waitSeconds: 60 });
type SendingTestBody = z.infer<typeof sendingTestFields>;

/** The account test of unsaved settings (the add/edit dialog): the mailbox as for saving, and where to send. */
const unsavedAccountTestBody = newMailboxSchema.and(sendingTestFields);

/**
 * What the account test tests: a saved mailbox (its stored secret or sign-in) or the settings typed in the dialog.
 * The sending half's `to` defaults to the user name when that is an address.
 */
type AccountTestTarget = {
  username: string;
  /** The receiving half (the connection test), each step emitted as it finishes. */
  receive: (emit?: EmitStep) => Promise<MailboxConnectionTestResult>;
  /** How to look for the test message in the mailbox. */
  connection: () => Promise<MailboxConnectionConfig & TestMessageSearch>;
};

/** Why the sending half could not run; the combined test reports it as skipped, test-sending as a problem. */
class SendingNotRun extends Error {
  constructor(
    readonly problem: 'unavailable' | 'invalid-input',
    message: string,
  ) {
    super(message);
  }
}

export function mailboxRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db, secretBox } = deps;

  function tester(): MailboxConnectionTester {
    if (!deps.testMailboxConnection) {
      throw new ApiProblem('unavailable', 'the mailbox connection test is not available in this deployment');
    }
    return deps.testMailboxConnection;
  }

  /** Applies the mailbox's polling schedule now; a failure is logged and left to the worker's reconciliation. */
  async function syncSchedule(
    request: FastifyRequest,
    mailbox: Pick<Mailbox, 'id' | 'enabled' | 'pollIntervalSeconds'>,
  ): Promise<void> {
    if (!deps.queues) return;
    try {
      await syncMailboxSchedule(deps.queues.fetchMailbox, mailbox);
    } catch (err) {
      request.log.warn({ mailboxId: mailbox.id, err: (err as Error).message }, 'mailbox schedule not synced');
    }
  }

  async function found(tenantId: string, id: string): Promise<Mailbox> {
    const mailbox = await getMailbox(db, tenantId, id);
    if (!mailbox) throw new ApiProblem('not-found', `mailbox ${id} not found`);
    return mailbox;
  }

  /** The receiving half: the saved mailbox's connection test with its stored secret or sign-in. */
  async function testReceiving(id: string, emit?: EmitStep): Promise<MailboxConnectionTestResult> {
    const test = tester();
    const loaded = await loadMailboxForConnection(db, secretBox, id);
    if (!loaded) throw new ApiProblem('not-found', `mailbox ${id} not found`);
    const { mailbox, secret } = loaded;
    // oauth2: the token from the mailbox's sign-in (refreshed if needed), fetched in the authentication step.
    const accessToken = () => getMailboxAccessToken(db, secretBox, deps.oauthProviders, mailbox.id);
    return test(
      { ...mailbox, secret },
      { onStep: receivingStep(emit), ...(mailbox.authMethod === 'oauth2' ? { accessToken } : {}) },
    );
  }

  /** Where the sending half sends through and to; throws SendingNotRun when there is no SMTP server or address. */
  async function sendingPlan(tenantId: string, mailbox: Pick<Mailbox, 'username'>, body: SendingTestBody) {
    const tenantSmtp = await loadTenantSmtpServerForConnection(db, secretBox, tenantId);
    if (!tenantSmtp && !deps.smtpSettings) {
      throw new SendingNotRun(
        'unavailable',
        "no SMTP server is configured: set the tenant's (PUT /v1/smtp-server) or the installation's (SMTP_URL or SMTP_HOST)",
      );
    }
    const to = body.to ?? (mailbox.username.includes('@') ? mailbox.username : undefined);
    if (!to) {
      throw new SendingNotRun('invalid-input', "give the mailbox's address in 'to': its user name is not an address");
    }
    return { tenantSmtp, to };
  }

  /** The sending half (see sendingPlan). */
  async function testSending(
    target: AccountTestTarget,
    { tenantSmtp, to }: Awaited<ReturnType<typeof sendingPlan>>,
    body: SendingTestBody,
    emit?: EmitStep,
  ): Promise<SendingTestResult> {
    const smtpServer = tenantSmtp ? ('tenant' as const) : ('installation' as const);
    const onStep = sendingStep(emit);
    const sending = tenantSmtp
      ? await checkTenantSmtpSending(deps, tenantSmtp, to, onStep)
      : await checkSmtpSending(deps.smtpSettings!, to, { onStep });
    const steps: SendingTestStep[] = [...sending.steps];
    const record = (step: SendingTestStep) => {
      steps.push(step);
      onStep(step);
    };
    const t0 = performance.now();
    if (!sending.ok) {
      record({ step: 'delivery', status: 'skipped', ms: 0, message: 'not run' });
      return { ok: false, to, smtpServer, steps };
    }
    try {
      const folder = await findAccountTestMessage(await target.connection(), ACCOUNT_TEST_HEADER, sending.marker, {
        network: deps.mailboxNetwork,
        waitMs: body.waitSeconds * 1000,
      });
      const ms = Math.round(performance.now() - t0);
      record(
        folder
          ? { step: 'delivery', status: 'ok', ms, message: `found in ${folder} after ${ms} ms, then deleted` }
          : {
              step: 'delivery',
              status: 'failed',
              ms,
              message: `the server accepted the message but it did not arrive in ${body.waitSeconds} s: check that ${to} delivers into this mailbox (aliases, forwarding, spam filtering)`,
            },
      );
    } catch (err) {
      if (!(err instanceof MailboxConnectionError)) throw err;
      record({
        step: 'delivery',
        status: 'failed',
        ms: Math.round(performance.now() - t0),
        message: `could not look in the mailbox: ${err.message} (run the connection test)`,
      });
    }
    return { ok: steps.every((s) => s.status === 'ok'), to, smtpServer, steps };
  }

  /** A saved mailbox as the account test's target: tested with its stored secret or sign-in. */
  function savedTarget(mailbox: Mailbox): AccountTestTarget {
    return {
      username: mailbox.username,
      receive: (emit) => testReceiving(mailbox.id, emit),
      connection: async () => {
        const loaded = await loadMailboxForConnection(db, secretBox, mailbox.id);
        if (!loaded) throw new ApiProblem('not-found', `mailbox ${mailbox.id} not found`);
        return mailboxConnectionConfig({ db, secrets: secretBox, oauthProviders: deps.oauthProviders }, loaded);
      },
    };
  }

  /** Both halves; sending is skipped, with the reason, when it cannot run or receiving failed. */
  async function accountTest(tenantId: string, target: AccountTestTarget, body: SendingTestBody, emit?: EmitStep) {
    const receiving = await target.receive(emit);
    const skipped = (reason: string) => {
      const steps = SENDING_STEPS.map((step) => ({ step, status: 'skipped' as const, ms: 0, message: reason }));
      for (const step of steps) sendingStep(emit)(step);
      return {
        ok: receiving.ok,
        receiving,
        sending: { status: 'skipped' as const, reason, to: null, smtpServer: null, steps },
      };
    };
    // The test message could be neither found nor removed again: sending waits until receiving works.
    if (!receiving.ok) return skipped('not run: receiving failed, fix that first (see above)');
    try {
      const sending = await testSending(target, await sendingPlan(tenantId, target, body), body, emit);
      return {
        ok: sending.ok,
        receiving,
        sending: { status: sending.ok ? ('ok' as const) : ('failed' as const), reason: null, ...sending },
      };
    } catch (err) {
      if (err instanceof SendingNotRun) return skipped(`not run: ${err.message}`);
      throw err;
    }
  }

  /** The plain result, or the same streamed step by step when the client asked for NDJSON. */
  function respond<R extends object>(
    request: FastifyRequest,
    reply: FastifyReply,
    run: (emit?: EmitStep) => Promise<R>,
  ): Promise<R> | FastifyReply {
    if (!wantsNdjson(request)) return run();
    return sendNdjsonProgress(request, reply, (emit) => run(emit));
  }

  return async (app) => {
    app.get(
      '/mailboxes',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Bounce mailboxes',
          response: { 200: z.object({ items: z.array(mailboxSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ items: await listMailboxes(db, authOf(request).tenantId) }),
    );

    app.post(
      '/mailboxes',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Add a mailbox (the secret is encrypted at rest and never returned)',
          body: newMailboxSchema,
          response: { 201: mailboxSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const mailbox = await createMailbox(db, secretBox, authOf(request).tenantId, request.body);
        await syncSchedule(request, mailbox);
        return reply.code(201).send(mailbox);
      },
    );

    app.post(
      '/mailboxes/test',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Test settings before saving them: DNS, TCP, TLS, authentication, folders, each step timed',
          description: STREAMING_NOTE,
          body: newMailboxSchema,
          response: { 200: testResponse(connectionTestSchema, 'The steps'), ...PROBLEM_RESPONSES },
        },
      },
      // An oauth2 mailbox has no secret and, unsaved, no sign-in yet: its authentication step says so.
      async (request, reply) => {
        const test = tester();
        return respond(request, reply, (emit) =>
          test({ ...request.body, secret: request.body.secret ?? '' }, { onStep: receivingStep(emit) }),
        );
      },
    );

    app.post(
      '/mailboxes/account-test',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            "The account test of settings before saving them (the add/edit dialog): receiving as /v1/mailboxes/test, then sending through the tenant's SMTP server (else the installation's) with a test message looked for in the mailbox with these settings. Sending is skipped, with the reason, as in /v1/mailboxes/{id}/account-test",
          description: `${STREAMING_NOTE} Receiving's steps come first (part "receiving"), then sending's (part "sending", skipped steps included).`,
          body: unsavedAccountTestBody,
          response: { 200: testResponse(accountTestSchema, 'Both halves, step by step'), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const test = tester();
        const { to, waitSeconds, ...settings } = request.body;
        const config = { ...settings, secret: settings.secret ?? '' };
        const target: AccountTestTarget = {
          username: settings.username,
          // An unsaved oauth2 mailbox has no sign-in: its authentication step fails, so sending is skipped.
          receive: (emit) => test(config, { onStep: receivingStep(emit) }),
          connection: async () => {
            if (config.authMethod === 'oauth2') throw new ApiProblem('invalid-input', 'connect the mailbox first');
            return { ...config, authMethod: config.authMethod };
          },
        };
        const { tenantId } = authOf(request);
        return respond(request, reply, (emit) => accountTest(tenantId, target, { to, waitSeconds }, emit));
      },
    );

    app.get(
      '/mailboxes/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One mailbox',
          params: uuidParam,
          response: { 200: mailboxSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => found(authOf(request).tenantId, request.params.id),
    );

    app.patch(
      '/mailboxes/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Change settings and/or the secret (changing how to connect resets the failure count)',
          params: uuidParam,
          body: mailboxPatchSchema,
          response: { 200: mailboxSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const mailbox = await updateMailbox(db, secretBox, authOf(request).tenantId, request.params.id, request.body);
        await syncSchedule(request, mailbox);
        return mailbox;
      },
    );

    app.delete(
      '/mailboxes/:id',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Delete a mailbox',
          params: uuidParam,
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const deleted = await deleteMailbox(db, authOf(request).tenantId, request.params.id);
        if (!deleted) throw new ApiProblem('not-found', `mailbox ${request.params.id} not found`);
        await syncSchedule(request, { id: request.params.id, enabled: false, pollIntervalSeconds: 0 });
        return reply.code(204).send(null);
      },
    );

    for (const [path, enabled] of [
      ['enable', true],
      ['disable', false],
    ] as const) {
      app.post(
        `/mailboxes/:id/${path}`,
        {
          config: { scope: 'admin' },
          schema: {
            tags: TAGS,
            summary: enabled ? 'Enable polling (resets the failure count)' : 'Disable polling',
            params: uuidParam,
            response: { 200: mailboxSchema, ...PROBLEM_RESPONSES },
          },
        },
        async (request) => {
          const mailbox = await updateMailbox(db, secretBox, authOf(request).tenantId, request.params.id, { enabled });
          await syncSchedule(request, mailbox);
          return mailbox;
        },
      );
    }

    app.post(
      '/mailboxes/:id/test',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Test the connection of a saved mailbox, step by step',
          description: STREAMING_NOTE,
          params: uuidParam,
          response: { 200: testResponse(connectionTestSchema, 'The steps'), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        await found(authOf(request).tenantId, request.params.id);
        tester();
        return respond(request, reply, (emit) => testReceiving(request.params.id, emit));
      },
    );

    app.post(
      '/mailboxes/:id/test-sending',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            "The account test's sending half: the tenant's SMTP server (else the installation's) step by step (connect, TLS, authentication by password or OAuth, send) with a test message to this mailbox, then the message found there (and deleted)",
          description: `${STREAMING_NOTE} No SMTP server (503) or no address (400) is answered before any line.`,
          params: uuidParam,
          body: sendingTestBody,
          response: { 200: testResponse(sendingTestSchema, 'The steps'), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const { tenantId } = authOf(request);
        const mailbox = await found(tenantId, request.params.id);
        // No SMTP server or no address refuses the request as a whole, with its status, before any line.
        const plan = await sendingPlan(tenantId, mailbox, request.body).catch((err: unknown) => {
          throw err instanceof SendingNotRun ? new ApiProblem(err.problem, err.message) : err;
        });
        return respond(request, reply, (emit) => testSending(savedTarget(mailbox), plan, request.body, emit));
      },
    );

    app.post(
      '/mailboxes/:id/account-test',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary:
            "The whole account test in one call: receiving (DNS, TCP, TLS, authentication, folders), then sending through the tenant's SMTP server (else the installation's) with a test message found in this mailbox. Sending is skipped, with the reason, when no SMTP server is configured, the mailbox's address is unknown or receiving failed",
          description: `${STREAMING_NOTE} Receiving's steps come first (part "receiving"), then sending's (part "sending", skipped steps included).`,
          params: uuidParam,
          body: sendingTestBody,
          response: { 200: testResponse(accountTestSchema, 'Both halves, step by step'), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const { tenantId } = authOf(request);
        const mailbox = await found(tenantId, request.params.id);
        tester();
        return respond(request, reply, (emit) => accountTest(tenantId, savedTarget(mailbox), request.body, emit));
      },
    );

    app.post(
      '/mailboxes/:id/fetch',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Fetch now: queue a fetch of this mailbox (absorbed while one is already waiting)',
          params: uuidParam,
          response: { 202: z.object({ mailboxId: z.uuid(), jobId: z.string() }), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        const queues = requireQueues(deps, 'fetch now');
        const mailbox = await found(authOf(request).tenantId, request.params.id);
        if (!mailbox.enabled) throw new ApiProblem('conflict', `mailbox ${mailbox.id} is disabled; enable it first`);
        const job = await requestFetchNow(queues.fetchMailbox, mailbox.id, 'manual');
        return reply.code(202).send({ mailboxId: mailbox.id, jobId: String(job.id) });
      },
    );
  };
}

/** Connection and per-command timeout of the tenant's SMTP server in the account test. */
const TENANT_SMTP_TIMEOUT_MS = 20_000;

/**
 * The tenant's SMTP server, checked like the installation's but under the mailbox network policy (it is typed by a
 * tenant admin: the same limits as a mailbox host), cleartext to loopback only, and OAuth (OAUTHBEARER or XOAUTH2,
 * as EHLO offers) with the sign-in of the mailbox it names (a refused token is forgotten and refreshed once, as the
 * fetch worker does for IMAP).
 */
async function checkTenantSmtpSending(
  deps: RouteDeps,
  { server, password }: TenantSmtpServerWithSecret,
  to: string,
  onStep: NonNullable<SmtpCheckOptions['onStep']>,
): Promise<SmtpCheckResult> {
  const oauthMailboxId = server.oauthMailboxId;
  return checkSmtpSending(
    {
      host: server.host,
      port: server.port,
      secure: server.tlsMode === 'implicit',
      ...(server.authMethod !== 'none' && server.username ? { user: server.username } : {}),
      ...(password !== null ? { pass: password } : {}),
      from: server.fromAddress,
      requireTls: server.tlsMode === 'starttls',
      allowInvalidTls: server.tlsAllowInvalid,
      timeoutMs: TENANT_SMTP_TIMEOUT_MS,
    },
    to,
    {
      configuredBy: 'tenant',
      onStep,
      ...(deps.mailboxNetwork?.extraCaCertificates
        ? { extraCaCertificates: deps.mailboxNetwork.extraCaCertificates }
        : {}),
      ignoreTls: server.tlsMode === 'none',
      resolveHost: async (host, port) => {
        const { addresses } = await resolveMailboxTarget(host, port, deps.mailboxNetwork);
        assertCleartextAllowed('SMTP', { host, tlsMode: server.tlsMode }, addresses, { network: deps.mailboxNetwork });
        return addresses[0]!;
      },
      ...(server.authMethod === 'oauth2'
        ? {
            accessToken: async (renew: boolean) => {
              if (!oauthMailboxId) {
                throw new Error(
                  'the mailbox whose sign-in this SMTP server used was deleted: choose another (oauthMailboxId)',
                );
              }
              if (renew) await invalidateAccessToken(deps.db, oauthMailboxId);
              return getMailboxAccessToken(deps.db, deps.secretBox, deps.oauthProviders, oauthMailboxId);
            },
          }
        : {}),
    },
  );
}
