import { makeReturnPath, parseReturnPath } from '@bounce/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnmatched } from '../index.js';
import { recordSends } from '../sends/sends.js';
import { parsedBounce, seedTenant, VERDICTS } from '../testing/bounce-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { applyBounces } from './apply-bounces.js';
import { assignBounce } from './assign-bounce.js';
import { normalizeMessageId } from './correlate.js';

const T = 'acme';
const SECRET = 'correlation-test-secret-0123456789';
const OLD_SECRET = 'previous-rotation-secret-abcdefgh';
const day = (n: number) => new Date(Date.UTC(2025, 4, 1 + n, 9));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase('bounce_correlate');
  await seedTenant(t.db, T);
});
afterAll(async () => {
  await t?.drop();
});

const apply = (parsed: ReturnType<typeof parsedBounce>, key: string, at = day(2)) =>
  applyBounces(t.db, T, [{ parsed, rawSha256: key }], {
    verpSecrets: [SECRET, OLD_SECRET],
    now: at,
    correlationHeaders: ['x-send-id'],
  });

describe('correlation', () => {
  it('matches a signed VERP return path (current or previous secret) to its send, even without a recipient', async () => {
    const [send, other] = await recordSends(t.db, T, [
      { recipient: 'verp@example.com', category: 'invoice', sentAt: day(0) },
      { recipient: 'verp-old@example.com', sentAt: day(0) },
    ]);
    const returnPath = makeReturnPath({
      localPart: 'bounces',
      domain: 'mail.acme.example',
      sendId: send!.id,
      secret: SECRET,
    });
    // The bounce arrives at the VERP address (its To); the DSN names no recipient we can read.
    const r1 = await apply(parsedBounce([], {}, 'bounce', returnPath), 'verp-1');
    expect(r1.results[0]).toMatchObject({ outcome: 'applied', matchMethod: 'verp', address: 'verp@example.com' });

    const oldPath = makeReturnPath({
      localPart: 'bounces',
      domain: 'mail.acme.example',
      sendId: other!.id,
      secret: OLD_SECRET,
    });
    const r2 = await apply(
      parsedBounce([{ recipient: 'verp-old@example.com', ...VERDICTS.userUnknown }], {
        returnPath: oldPath.toUpperCase(),
      }),
      'verp-2',
    );
    expect(r2.results[0]).toMatchObject({ outcome: 'applied', matchMethod: 'verp', rule: 'hard-bounce' });
  });

  it('rejects a forged VERP token: the bounce goes to the manual list and blocks nobody', async () => {
    const [send] = await recordSends(t.db, T, [
      { recipient: 'victim@example.com', messageId: '<v@acme>', sentAt: day(0) },
    ]);
    const forged = makeReturnPath({
      localPart: 'bounces',
      domain: 'mail.acme.example',
      sendId: send!.id,
      secret: 'attacker-guess-0123456789',
    });
    expect(parseReturnPath(forged, [SECRET, OLD_SECRET])).toEqual({ status: 'invalid' });
    // Even though recipient, Message-ID and time would all match, a token that fails verification wins.
    const r = await apply(
      parsedBounce([{ recipient: 'victim@example.com', ...VERDICTS.userUnknown }], {
        returnPath: forged,
        messageId: '<v@acme>',
      }),
      'forged',
    );
    expect(r.results[0]).toMatchObject({ outcome: 'unmatched', matchMethod: null });
    const unmatched = await listUnmatched(t.db, T);
    expect(unmatched.items.find((b) => b.idempotencyKey === 'forged:0')?.decision).toEqual({
      unmatchedReason: 'verp-invalid',
    });
    const { canSend } = await import('../suppressions/can-send.js');
    expect((await canSend(t.db, T, 'victim@example.com', 'newsletter')).allowed).toBe(true);
  });

  it('matches by original Message-ID, picking the recipient among several sends of one message', async () => {
    const sends = await recordSends(t.db, T, [
      { recipient: 'a@multi.example', messageId: 'shared@acme', sentAt: day(0) },
      { recipient: 'b@multi.example', messageId: '<shared@acme>', sentAt: day(0) },
    ]);
    const r = await apply(
      parsedBounce(
        [
          { recipient: 'b@multi.example', ...VERDICTS.userUnknown },
          { recipient: 'a@multi.example', ...VERDICTS.mailboxFull },
        ],
        { messageId: '<shared@acme>' },
      ),
      'mid',
    );
    expect(normalizeMessageId('shared@acme')).toBe('<shared@acme>');
    expect(r.results.map((x) => [x.address, x.matchMethod])).toEqual([
      ['b@multi.example', 'message-id'],
      ['a@multi.example', 'message-id'],
    ]);
    expect(sends).toHaveLength(2);
  });

  it('matches a configured correlation header carrying our send id or the external id', async () => {
    const [s1, s2] = await recordSends(t.db, T, [
      { recipient: 'hdr1@example.com', externalId: 'crm-1001', sentAt: day(0) },
      { recipient: 'hdr2@example.com', sentAt: day(0) },
    ]);
    const r1 = await apply(
      parsedBounce([{ recipient: 'hdr1@example.com', ...VERDICTS.mailboxFull }], {
        correlationHeaders: { 'x-send-id': 'crm-1001' },
      }),
      'hdr-1',
    );
    const r2 = await apply(
      parsedBounce([{ recipient: 'hdr2@example.com', ...VERDICTS.mailboxFull }], {
        correlationHeaders: { 'x-send-id': s2!.id },
      }),
      'hdr-2',
    );
    // A header not in the configured list is not trusted.
    const r3 = await apply(
      parsedBounce([{ recipient: 'nobody@else.example', ...VERDICTS.mailboxFull }], {
        correlationHeaders: { 'x-other': s1!.id },
      }),
      'hdr-3',
    );
    expect(r1.results[0]).toMatchObject({ matchMethod: 'header', address: 'hdr1@example.com' });
    expect(r2.results[0]).toMatchObject({ matchMethod: 'header', address: 'hdr2@example.com' });
    expect(r3.results[0]).toMatchObject({ outcome: 'unmatched' });
  });

  it('falls back to recipient + time within the window, then to a known recipient, else to the manual list', async () => {
    await recordSends(t.db, T, [
      { recipient: 'recent@example.com', sentAt: day(0) },
      { recipient: 'recent@example.com', sentAt: day(1), externalId: 'latest' },
      { recipient: 'longago@example.com', sentAt: new Date(Date.UTC(2024, 0, 1)) },
    ]);
    const recent = await apply(
      parsedBounce([{ recipient: 'recent@example.com', ...VERDICTS.mailboxFull, at: day(2) }]),
      'rt-1',
    );
    expect(recent.results[0]).toMatchObject({ matchMethod: 'recipient-time' });
    const { listBounces } = await import('../index.js');
    const [row] = (await listBounces(t.db, T, { recipient: 'recent@example.com' })).items;
    const { loadSendsByIds } = await import('./correlate.js');
    const { byExternalId } = await loadSendsByIds(t.db, T, [], ['latest']);
    expect(row?.sendId).toBe(byExternalId.get('latest')?.id); // the most recent send before the failure

    const old = await apply(
      parsedBounce([{ recipient: 'longago@example.com', ...VERDICTS.userUnknown, at: day(2) }]),
      'rt-2',
    );
    expect(old.results[0]).toMatchObject({ outcome: 'applied', matchMethod: 'known-recipient', rule: 'hard-bounce' });

    const stranger = await apply(
      parsedBounce([{ recipient: 'stranger@example.com', ...VERDICTS.userUnknown, at: day(2) }]),
      'rt-3',
    );
    expect(stranger.results[0]).toMatchObject({ outcome: 'unmatched' });
    const none = await apply(parsedBounce([], {}, 'bounce', 'postmaster@acme.example'), 'rt-4');
    expect(none.results[0]).toMatchObject({ outcome: 'unmatched', recipientIndex: -1 });
  });

  it('applies the rules when an unmatched bounce is assigned by hand', async () => {
    const r = await apply(
      parsedBounce([{ recipient: 'assign-me@example.com', ...VERDICTS.userUnknown, at: day(3) }]),
      'assign',
    );
    const bounceId = r.results[0]!.bounceId!;
    expect(r.results[0]!.outcome).toBe('unmatched');
    const [send] = await recordSends(t.db, T, [
      { recipient: 'real@example.com', category: 'newsletter', sentAt: day(2) },
    ]);
    const assigned = await assignBounce(t.db, T, bounceId, { sendId: send!.id }, 'operator:alice');
    expect(assigned).toMatchObject({ address: 'real@example.com', sendId: send!.id, rule: 'hard-bounce' });
    const { getAddress, listAuditTrail } = await import('../index.js');
    expect((await getAddress(t.db, T, 'real@example.com')).record?.state).toBe('blocked');
    const audit = await listAuditTrail(t.db, T, { address: 'real@example.com' });
    expect(audit.items[0]).toMatchObject({ actor: 'operator:alice', action: 'block', rule: 'hard-bounce' });
    await expect(assignBounce(t.db, T, bounceId, { recipient: 'x@example.com' }, 'operator:bob')).rejects.toMatchObject(
      {
        code: 'conflict',
      },
    );
    // A second unmatched bounce assigned to a bare recipient.
    const r2 = await apply(
      parsedBounce([{ recipient: 'other-stranger@example.com', ...VERDICTS.mailboxFull, at: day(3) }]),
      'assign-2',
    );
    const a2 = await assignBounce(
      t.db,
      T,
      r2.results[0]!.bounceId!,
      { recipient: 'Other-Stranger@Example.com' },
      'operator:bob',
    );
    expect(a2).toMatchObject({ address: 'other-stranger@example.com', sendId: null, rule: 'soft-failure' });
  });
});
