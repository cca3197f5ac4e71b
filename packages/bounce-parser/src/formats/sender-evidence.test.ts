import { describe, expect, it } from 'vitest';
import { parseEntity } from '../mime/entity.js';
import { createContext } from './context.js';
import { isPersonalReply, senderEvidence } from './sender-evidence.js';

const ctxOf = (headers: string) => {
  const text = `${headers}\n\nbody\n`;
  return createContext(text, parseEntity(text));
};

describe('sender evidence (RFC 5321 4.5.5)', () => {
  it('recognises the null reverse-path and system mailboxes', () => {
    expect(senderEvidence(ctxOf('Return-Path: <>\nFrom: Mail System <mailer@gw.example.org>'))).toMatchObject({
      hasReturnPath: true,
      isNullPath: true,
    });
    expect(senderEvidence(ctxOf('Return-Path: <MAILER-DAEMON@mx.example.org>\nFrom: x@example.org')).isNullPath).toBe(
      true,
    );
    expect(senderEvidence(ctxOf('From: MAILER-DAEMON <>')).isSystemAddress).toBe(true);
    expect(senderEvidence(ctxOf('Return-Path: <postmaster@example.com>\nFrom: p@example.com')).isSystemAddress).toBe(
      true,
    );
  });

  it('does not take a display name for evidence', () => {
    const e = senderEvidence(
      ctxOf('Return-Path: <admin@host.example>\nFrom: "Mail Delivery System" <admin@host.example>'),
    );
    expect(e).toEqual({ hasReturnPath: true, isNullPath: false, isSystemAddress: false });
  });

  it('tells a person replying (even from postmaster@) from a notification', () => {
    const reply = 'Return-Path: <postmaster@example.com>\nFrom: postmaster@example.com\nIn-Reply-To: <q@example.com>';
    expect(isPersonalReply(ctxOf(`${reply}\nSubject: Re: Undeliverable: report`))).toBe(true);
    expect(isPersonalReply(ctxOf(`${reply}\nSubject: AW: Unzustellbar`))).toBe(true);
    // No reference to an earlier message, or the null reverse-path: not a reply.
    expect(isPersonalReply(ctxOf('Return-Path: <a@example.com>\nSubject: Re: x'))).toBe(false);
    expect(isPersonalReply(ctxOf('Return-Path: <>\nIn-Reply-To: <q@example.com>\nSubject: Re: x'))).toBe(false);
    // A gateway that keeps the original subject but drops Return-Path is not judged a reply.
    expect(isPersonalReply(ctxOf('From: post_master@gw.example.com\nIn-Reply-To: <q@x>\nSubject: Re:Test'))).toBe(
      false,
    );
  });
});
