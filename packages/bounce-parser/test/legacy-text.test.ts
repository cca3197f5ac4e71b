import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../src/index.js';

/**
 * Legacy and text-only notices (no delivery-status part) and the look-alikes that must stay ordinary mail. Every
 * message in test/legacy was written for these tests from how the servers word and lay out their notices
 * (Exchange 5.5/2003 templates, Sendmail 8 without DSN, smail, MMDF, Netscape Messaging Server, webmail
 * front ends, localised subjects), with invented hosts and addresses.
 */
const parse = (name: string) => parseBounce(readFileSync(new URL(`legacy/${name}`, import.meta.url)));
const verdicts = (name: string) => parse(name).recipients.map((r) => [r.recipient, r.reason, r.class]);

describe('legacy and text-only notices', () => {
  it.each([
    ['ex55.eml', 'jane.roe@partner-example.net', 'userunknown', 'exchange2003'],
    ['ex2003b.eml', 'max.muster@partner-example.de', 'mailboxfull', 'exchange2003'],
    ['aol.eml', 'janedoe123@aol-example.com', 'userunknown', null],
    ['smail.eml', 'jane@partner-example.net', 'userunknown', null],
    ['netscape.eml', 'jane@partner-example.net', 'userunknown', null],
    ['nodsn-webmail.eml', 'jane@partner-example.net', 'mailboxfull', null],
    ['ru.eml', 'ivan@partner-example.ru', 'userunknown', null],
    ['es-subject.eml', 'luis@cliente-example.es', 'userunknown', null],
    ['yahoo.eml', 'jane@partner-example.net', 'userunknown', null],
    ['groupwise.eml', 'jane@gw-example.org', 'userunknown', null],
    ['smtp32.eml', 'jane@imail-example.net', 'mailboxfull', null],
    ['exch2010-text.eml', 'jane@partner-example.net', 'userunknown', 'exchange2007'],
    ['exch2010-returnpath.eml', 'jane@partner-example.net', 'userunknown', 'exchange2007'],
    ['notes-text.eml', 'jane@notes-example.com', 'userunknown', null],
    ['sina-zh.eml', 'li.wei@cn-partner-example.com', 'userunknown', null],
  ])('%s: %s is %s', (file, recipient, reason, detector) => {
    const result = parse(file);
    expect(result.kind).toBe('bounce');
    expect(result.recipients.map((r) => [r.recipient, r.reason])).toEqual([[recipient, reason]]);
    if (detector) expect(result.recipients[0]?.detectedBy).toBe(detector);
  });

  it('reads an MMDF notice without a system sender address, by its subject and failure wording', () => {
    expect(parse('mmdf.eml').kind).toBe('bounce');
    expect(parse('mmdf.eml').recipients.map((r) => r.recipient)).toEqual(['jane@partner-example.net']);
  });

  it('keeps the returned original out of a localised notice diagnostic', () => {
    expect(parse('es-subject.eml').recipients[0]?.diagnosticCode).not.toContain('Presupuesto');
  });

  it('reads a warning-only notice as a delay, temporary', () => {
    const result = parse('delay.eml');
    expect(result.kind).toBe('delayed');
    expect(result.recipients[0]?.status?.startsWith('4.')).toBe(true);
  });
});

describe('look-alikes stay ordinary mail', () => {
  it.each([
    ['boxbe.eml', 'a challenge-response request from an ordinary sender'],
    ['boxbe-null.eml', 'a challenge-response request sent like a notice, null path and system sender'],
    ['person-unzustellbar.eml', 'a person asking about a failed delivery, with a bounce-like subject'],
  ])('%s (%s)', (file) => {
    expect(parse(file).kind).toBe('not-bounce');
    expect(verdicts(file)).toEqual([]);
  });
});
