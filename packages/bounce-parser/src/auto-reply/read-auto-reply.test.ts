import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';
import { findDateMentions, resolveDay } from './absence-dates.js';
import { readAutoReply } from './read-auto-reply.js';

// Written for these tests: the reply's Date is 2026-12-20 unless a case says otherwise.
const DATE = new Date('2026-12-20T09:00:00Z');
const read = (text: string, subject = 'Automatic reply', from = 'anna.berg@kunde.example') =>
  readAutoReply({ subject, text, date: DATE, from });

describe('absence windows', () => {
  it.each([
    ['en', 'I am on leave until 12 January and will reply when I am back.', '2027-01-12'],
    ['en', 'I am out of the office until Monday, January 11th, 2027 with limited access to e-mail.', '2027-01-11'],
    ['en', 'Thank you for your message. I am away and will be back in the office on 4 January.', '2027-01-03'],
    ['de', 'Vielen Dank für Ihre Nachricht. Ich bin bis zum 8. Januar 2027 nicht im Büro.', '2027-01-08'],
    ['de', 'Ich bin im Urlaub. Ab dem 11.01.2027 bin ich wieder im Büro.', '2027-01-10'],
    ['de', 'Ich bin bis einschließlich 06.01. abwesend.', '2027-01-06'],
    ['fr', "Je suis absent jusqu'au 5 janvier inclus. Je lirai votre message à mon retour.", '2027-01-05'],
    ['fr', 'Je suis en congés. Je serai de retour le lundi 11 janvier 2027.', '2027-01-10'],
    ['es', 'Estaré fuera de la oficina hasta el 7 de enero de 2027.', '2027-01-07'],
    ['es', 'Estoy de vacaciones. Regreso el 12 de enero.', '2027-01-11'],
  ])('%s: %s', (_lang, text, until) => {
    const reading = read(text);
    expect(reading.absence?.until).toBe(until);
    expect(reading.absence?.evidence.length).toBeGreaterThan(10);
    expect(reading.departure).toBeNull();
    expect(reading.replacement).toBeNull();
  });

  it.each([
    ['en', 'I will be on holiday from 22 December to 6 January.', '2026-12-22', '2027-01-06'],
    ['de', 'Ich bin vom 21. bis 31. Dezember im Urlaub.', '2026-12-21', '2026-12-31'],
    ['fr', 'Absent du 21 au 31 décembre.', '2026-12-21', '2026-12-31'],
    ['es', 'Estaré ausente del 21 al 31 de diciembre.', '2026-12-21', '2026-12-31'],
    ['en', 'I will be traveling for work on July 10-31.', '2027-07-10', '2027-07-31'],
  ])('ranges, %s: %s', (_lang, text, from, until) => {
    expect(read(text).absence).toMatchObject({ from, until });
  });

  it('a date without a year is the next one, not one long past; a year in the text wins', () => {
    expect(resolveDay({ year: null, month: 12, day: 1 }, DATE)).toBe('2026-12-01'); // 19 days before: this year
    expect(resolveDay({ year: null, month: 1, day: 5 }, DATE)).toBe('2027-01-05');
    expect(resolveDay({ year: 2030, month: 1, day: 5 }, DATE)).toBe('2030-01-05');
    expect(resolveDay({ year: null, month: 2, day: 31 }, DATE)).toBeNull();
    expect(resolveDay({ year: null, month: 1, day: 5 }, null)).toBeNull();
  });

  it('slashes: day first, except in English text', () => {
    expect(findDateMentions('bis 05/01/2027')[0]!.first).toEqual({ year: 2027, month: 1, day: 5 });
    expect(findDateMentions('until 01/05/2027', { monthFirstSlash: true })[0]!.first).toEqual({
      year: 2027,
      month: 1,
      day: 5,
    });
  });

  it('absence wording without a date is an absence with an open end; a weekday is placed after the message date', () => {
    expect(read('Ich bin derzeit abwesend und lese keine E-Mails.').absence).toMatchObject({ from: null, until: null });
    // 2026-12-20 is a Sunday: "Friday" is 2026-12-25.
    expect(read("I'm out of the office Friday.").absence).toMatchObject({ from: '2026-12-25', until: '2026-12-25' });
    expect(read('Je suis absent. De retour le lundi.').absence?.until).toBe('2026-12-20');
  });

  it('the quoted original below the reply is not read (its dates and addresses are ours)', () => {
    const reading = read(
      [
        'Ich bin bis zum 4. Januar nicht im Büro.',
        '',
        '-----Ursprüngliche Nachricht-----',
        'Von: Rechnung <rechnung@shop.example>',
        'Bitte zahlen Sie bis zum 30. Dezember. Kontakt: buchhaltung@shop.example',
      ].join('\n'),
    );
    expect(reading.absence?.until).toBe('2027-01-04');
    expect(reading.deputies).toEqual([]);
  });
});

describe('departures and replacement addresses', () => {
  it.each([
    ['en', 'I have left the company. Please write to sales@kunde.example instead.', 'sales@kunde.example'],
    [
      'en',
      'Anna is no longer with Kunde GmbH. For all matters please contact jan.ott@kunde.example.',
      'jan.ott@kunde.example',
    ],
    [
      'de',
      'Frau Berg ist nicht mehr im Unternehmen. Bitte wenden Sie sich an vertrieb@kunde.example.',
      'vertrieb@kunde.example',
    ],
    [
      'de',
      'Ich habe das Unternehmen verlassen. Schreiben Sie bitte an Jan Ott (jan.ott@kunde.example).',
      'jan.ott@kunde.example',
    ],
    [
      'fr',
      'Anna Berg ne fait plus partie de la société. Veuillez contacter service@kunde.example.',
      'service@kunde.example',
    ],
    ['fr', "J'ai quitté l'entreprise ; merci d'écrire à contact@kunde.example.", 'contact@kunde.example'],
    ['es', 'Anna ya no trabaja en Kunde. Por favor, escriba a ventas@kunde.example.', 'ventas@kunde.example'],
    ['es', 'He dejado la empresa. Póngase en contacto con jan@kunde.example.', 'jan@kunde.example'],
  ])('%s successor: %s', (_lang, text, address) => {
    const reading = read(text);
    expect(reading.departure?.evidence).toBeTruthy();
    expect(reading.replacement).toMatchObject({ address, reason: 'successor' });
    expect(reading.replacement!.evidence).toContain(address);
    expect(reading.absence).toBeNull();
  });

  it.each([
    ['en', 'Please note: my new email address is anna@berg-consulting.example', 'anna@berg-consulting.example'],
    [
      'de',
      'Meine neue E-Mail-Adresse lautet: anna.berg@neu.example – bitte aktualisieren Sie Ihr Adressbuch.',
      'anna.berg@neu.example',
    ],
    ['fr', 'Ma nouvelle adresse e-mail est anna.berg@nouveau.example', 'anna.berg@nouveau.example'],
    ['es', 'Mi nueva dirección de correo es anna.berg@nuevo.example', 'anna.berg@nuevo.example'],
  ])('%s new address: %s', (_lang, text, address) => {
    expect(read(text).replacement).toMatchObject({ address, reason: 'new-address' });
  });

  it('a stand-in named during an absence is a deputy, never a replacement', () => {
    const reading = read(
      'I am on leave until 8 January. In urgent cases please contact my colleague jan.ott@kunde.example.',
    );
    expect(reading.absence?.until).toBe('2027-01-08');
    expect(reading.replacement).toBeNull();
    expect(reading.deputies).toEqual(['jan.ott@kunde.example']);
    const german = read('Ich bin bis 8.1. abwesend. Meine Vertretung: jan.ott@kunde.example');
    expect(german.replacement).toBeNull();
    expect(german.deputies).toEqual(['jan.ott@kunde.example']);
  });

  it("the sender's own address is never its replacement", () => {
    const reading = read('I have left the company. Contact: anna.berg@kunde.example or office@kunde.example');
    expect(reading.replacement?.address).toBe('office@kunde.example');
  });

  it('ordinary holiday wording is not a departure ("I have left for vacation")', () => {
    const reading = read('I have left for vacation and will be back on 4 January.');
    expect(reading.departure).toBeNull();
    expect(reading.absence?.until).toBe('2027-01-03');
  });
});

describe('through parseBounce: the corpus auto-replies, and bounces carry no reading', () => {
  const corpus = (name: string) =>
    readFileSync(fileURLToPath(new URL(`../../../../../shared/corpus/dev/emails/${name}`, import.meta.url)));

  it('rfc3834-01: "returning to the office on May 5th" → away until the day before', () => {
    const result = parseBounce(corpus('rfc3834-01.eml'));
    expect(result.kind).toBe('auto-reply');
    expect(result.autoReply?.absence?.until).toMatch(/-05-04$/);
    expect(result.autoReply?.absence?.evidence).toMatch(/returning to the office on May 5th/);
    expect(result.autoReply?.replacement).toBeNull();
  });

  it('rfc3834-04: a range "July 10-31" and a colleague who is a deputy, not a replacement', () => {
    const result = parseBounce(corpus('rfc3834-04.eml'));
    expect(result.autoReply?.absence).toMatchObject({
      from: expect.stringMatching(/-07-10$/),
      until: expect.stringMatching(/-07-31$/),
    });
    expect(result.autoReply?.replacement).toBeNull();
    expect(result.autoReply?.deputies).toContain('neko@example.org');
  });

  it('rfc3834-02: "out of the office Friday" is an absence', () => {
    const result = parseBounce(corpus('rfc3834-02.eml'));
    expect(result.autoReply?.absence).not.toBeNull();
  });

  it('a DSN has no auto-reply reading', () => {
    const result = parseBounce(corpus('lhost-postfix-01.eml'));
    expect(result.kind).toBe('bounce');
    expect(result.autoReply).toBeUndefined();
  });
});
