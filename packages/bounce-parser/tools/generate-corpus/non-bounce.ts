/**
 * The non-bounce set (test/corpora/non-bounce/): mail that lands in a bounce mailbox or beside it and must be left
 * alone. Two parts:
 * - our own messages, written here: human replies about bounces ("Re: Undeliverable invoice"), newsletters,
 *   notifications (CI failures, parcel "delivery failed" notices), order and shipping mail, out-of-office
 *   auto-replies in many languages (labelled as auto-replies: class auto-reply, never a failure), mailing-list
 *   digests, IT notices and phishing that talk about undeliverable mail or full mailboxes, security alerts,
 *   calendar invitations and replies, read receipts, DMARC and TLS reports;
 * - the ordinary messages of CPython's email test data (Debian package libpython3.11-testsuite,
 *   /usr/lib/python3.11/test/test_email/data/msg_*.txt, PSF License Version 2), less the four that are delivery
 *   reports (msg_05, msg_16, msg_25, msg_43).
 *
 *   npx tsx tools/generate-corpus/non-bounce.ts     (rewrites test/corpora/non-bounce/)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTO_REPLY, type Expected } from './labels.js';
import { writeManifest } from './manifest-file.js';
import { dateFor, encodeWord, type Header, headerBlock } from './message-builder.js';

const OUT = fileURLToPath(new URL('../../test/corpora/non-bounce', import.meta.url));
const PYTHON_DATA = '/usr/lib/python3.11/test/test_email/data';
const PYTHON_BOUNCES = new Set(['msg_05.txt', 'msg_16.txt', 'msg_25.txt', 'msg_43.txt']);

const ME = 'billing@shop.example.com';

type Msg = { file: string; engine: string; headers: Header[]; body: string; expected?: Expected[] };
const msgs: Msg[] = [];

function plain(text: string, charset = 'utf-8'): { headers: Header[]; body: string } {
  const ascii = /^[\x00-\x7f]*$/.test(text);
  return {
    headers: [
      ['Content-Type', `text/plain; charset=${ascii ? 'us-ascii' : charset}`],
      ['Content-Transfer-Encoding', ascii ? '7bit' : '8bit'],
    ],
    body: text,
  };
}

function alternative(text: string, html: string, n: number): { headers: Header[]; body: string } {
  const b = `alt-${n}-boundary`;
  return {
    headers: [['Content-Type', `multipart/alternative; boundary="${b}"`]],
    body: `--${b}
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

${text}
--${b}
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit

${html}
--${b}--
`,
  };
}

function add(
  file: string,
  engine: string,
  from: string,
  subject: string,
  content: { headers: Header[]; body: string },
  extra: Header[] = [],
  expected: Expected[] = [],
  to = ME,
) {
  const n = msgs.length + 1;
  const domain = from.replace(/.*@/, '').replace(/>.*/, '');
  msgs.push({
    file,
    engine,
    headers: [
      ['Return-Path', `<${from.replace(/.*</, '').replace(/>.*/, '')}>`],
      ['Date', dateFor(n, Date.UTC(2025, 3, 1, 7, 0, 0))],
      ['From', from],
      ['To', to],
      ['Subject', encodeWord(subject)],
      ['Message-ID', `<nb-${n}.${file.replace(/\.eml$/, '')}@${domain}>`],
      ...extra,
      ['MIME-Version', '1.0'],
      ...content.headers,
    ],
    body: content.body,
    expected,
  });
}

// --- Human replies that talk about bounces (no bounce inside) ------------------------------------------------------
const humanReplies: [string, string, string, string][] = [
  [
    'Re: Undeliverable invoice',
    'Anna Keller <anna.keller@customer.example.de>',
    'en',
    'Hi,\n\nyour last mail said the invoice was undeliverable to our old address. Please use accounts@customer.example.de from now on.\n\nThanks,\nAnna',
  ],
  [
    'RE: Undeliverable: Invoice 2025-0815',
    'Tom Baker <t.baker@client.example.co.uk>',
    'en',
    'Hello,\n\nwe got an "undeliverable" notice when replying to you last week. Is your mailbox full? Resending the signed contract now.\n\nRegards\nTom',
  ],
  [
    'AW: Unzustellbar: Rechnung 2025-0815',
    'Petra Schmitz <p.schmitz@kunde.example.de>',
    'de',
    'Hallo,\n\nunsere IT sagt, die Rückläufer kamen wegen eines Tippfehlers in der Adresse. Bitte senden Sie die Rechnung an rechnung@kunde.example.de.\n\nViele Grüße\nPetra Schmitz',
  ],
  [
    'Re: Returned mail: see transcript for details',
    'Dave <dave@smallbiz.example.com>',
    'en',
    'I saw the returned mail too. It was our spam filter, I have whitelisted your domain. Please try again.\n\nDave',
  ],
  [
    'Re: Mail delivery failed',
    'Lucia Ferri <lucia.ferri@studio.example.it>',
    'en',
    'Hi, no idea why it failed, my colleague received it fine. Could you send the PDF again?\nLucia',
  ],
  [
    'RE: Non remis : Facture 2025-0815',
    'Claire Morel <claire.morel@societe.example.fr>',
    'fr',
    "Bonjour,\n\nnous avons changé de fournisseur de messagerie, d'où le message « non remis ». La nouvelle adresse est compta@societe.example.fr.\n\nCordialement,\nClaire",
  ],
  [
    'R: Non recapitabile: Fattura',
    'Giorgio Russo <g.russo@azienda.example.it>',
    'it',
    'Buongiorno,\n\nla casella era piena, ora abbiamo liberato spazio. Può inviare di nuovo la fattura?\n\nGrazie\nGiorgio',
  ],
  [
    'Re: Delivery Status Notification (Failure)',
    'Support <support@saas.example.io>',
    'en',
    'Hi there,\n\nthanks for reporting the bounce. Our MX records were misconfigured for an hour this morning; everything is fixed now.\n\nThe Support Team',
  ],
  [
    'Re: your message bounced',
    'Ming Zhao <ming.zhao@trade.example.cn>',
    'en',
    'Sorry, my old address was closed. This is my new one.\nBest, Ming',
  ],
  [
    'Re: Undelivered Mail Returned to Sender',
    'Jan de Vries <jan@bedrijf.example.nl>',
    'nl',
    'Hoi,\n\nde foutmelding kwam door een volle mailbox. Ik heb opgeruimd, stuur maar opnieuw.\n\nGroet,\nJan',
  ],
  [
    'Re: Failure Notice',
    'Olga Smirnova <olga@partner.example.ru>',
    'ru',
    'Добрый день!\n\nДа, у нас был сбой почтового сервера, письма не доставлялись. Сейчас всё работает.\n\nС уважением,\nОльга',
  ],
  [
    'Re: User unknown?',
    'HR Team <hr@corp.example.com>',
    'en',
    'Hello,\n\nMr. Lee has left the company, which is why you got a "user unknown" error. Please contact his successor at procurement@corp.example.com.\n\nBest regards,\nHR',
  ],
  [
    'Fwd: question about your invoice',
    'Karin Berg <karin.berg@customer.example.se>',
    'en',
    "Hi,\n\nforwarding my colleague's question below. We did not get a bounce, so the invoice must have arrived.\n\n---------- Forwarded message ---------\nFrom: Lars <lars@customer.example.se>\nSubject: question about your invoice\n\nWhich purchase order does invoice 4711 refer to?\n",
  ],
  [
    'Re: Zustellung fehlgeschlagen?',
    'Markus Weber <m.weber@handel.example.at>',
    'de',
    'Hallo,\n\nbei uns ist keine Fehlermeldung angekommen, die Mail ist da. Danke!\n\nMarkus',
  ],
  [
    'Re: Your mailbox is full',
    'Emily Clark <emily.clark@school.example.org>',
    'en',
    'Thanks for letting me know, I have archived old mail. You can resend the report.\nEmily',
  ],
  [
    'Re: Delivery delayed',
    'Raj Patel <raj.patel@firm.example.in>',
    'en',
    'No worries about the delay, the document arrived this morning.\nRaj',
  ],
  [
    'RE: Message rejected as spam',
    'IT Helpdesk <helpdesk@bank.example.ch>',
    'en',
    'Dear sender,\n\nour gateway rejected your mail because of the attachment type (.zip). Please send the invoice as PDF.\n\nIT Helpdesk',
  ],
  [
    'Re: blocked?',
    'Sofia Costa <sofia@agencia.example.pt>',
    'pt',
    'Olá,\n\nnão, o seu endereço não está bloqueado. O problema foi do nosso lado.\n\nAbraço,\nSofia',
  ],
  [
    'Re: Rechnung kam zurück',
    'Buchhaltung <buchhaltung@werkstatt.example.de>',
    'de',
    'Guten Tag,\n\nbitte verwenden Sie künftig die Adresse buchhaltung@werkstatt.example.de, die alte wurde gelöscht.\n\nFreundliche Grüße',
  ],
  [
    'Re: Mail bounce from your side',
    'Hiro Sato <h.sato@kaisha.example.jp>',
    'ja',
    'お世話になっております。\n\nメールが戻ってきた件、こちらのサーバーの設定ミスでした。現在は修正済みです。\n\n佐藤',
  ],
];
humanReplies.forEach(([subject, from, lang, text], i) => {
  add(`reply-${String(i + 1).padStart(2, '0')}-${lang}.eml`, 'HumanReply', from, subject, plain(text), [
    ['In-Reply-To', `<inv-${20250815 + i}@shop.example.com>`],
    ['References', `<inv-${20250815 + i}@shop.example.com>`],
  ]);
});

// --- Out-of-office auto-replies (class auto-reply, not failures) --------------------------------------------------
const autoReplies: [string, string, string, string, Header[]][] = [
  [
    'Automatic reply: Invoice 2025-0815',
    'Sarah Miller <s.miller@corp.example.com>',
    'en',
    'I am out of the office until 14 April with limited access to email. For urgent matters please contact office@corp.example.com.',
    [
      ['Auto-Submitted', 'auto-replied'],
      ['X-Auto-Response-Suppress', 'All'],
    ],
  ],
  [
    'Out of Office: Invoice 2025-0815',
    'John Smith <john.smith@client.example.com>',
    'en',
    'Thank you for your email. I am currently on annual leave and will respond on my return on Monday.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Abwesenheitsnotiz: Rechnung 2025-0815',
    'Thomas Braun <t.braun@firma.example.de>',
    'de',
    'Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 18.04. nicht im Büro. Ihre E-Mail wird nicht weitergeleitet. In dringenden Fällen wenden Sie sich bitte an info@firma.example.de.',
    [
      ['Auto-Submitted', 'auto-replied'],
      ['X-Autoreply', 'yes'],
    ],
  ],
  [
    'Automatische Antwort: Rechnung 2025-0815',
    'Julia Koch <j.koch@kanzlei.example.de>',
    'de',
    'Ich bin im Urlaub und ab dem 22.04. wieder erreichbar.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Réponse automatique : Facture 2025-0815',
    'Marie Laurent <m.laurent@entreprise.example.fr>',
    'fr',
    "Bonjour, je suis absente du bureau jusqu'au 15 avril. Pour toute demande urgente, merci de contacter accueil@entreprise.example.fr.",
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Absence du bureau : Facture',
    'Luc Girard <luc.girard@cabinet.example.fr>',
    'fr',
    "Je suis en congés et je n'ai pas accès à ma messagerie. Je vous répondrai dès mon retour.",
    [
      ['X-Autoreply', 'yes'],
      ['Precedence', 'auto_reply'],
    ],
  ],
  [
    'Risposta automatica: Fattura 2025-0815',
    'Paolo Conti <p.conti@ditta.example.it>',
    'it',
    'Sono fuori ufficio fino al 20 aprile con accesso limitato alla posta. Per urgenze contattare segreteria@ditta.example.it.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Respuesta automática: Factura 2025-0815',
    'Carmen Ruiz <c.ruiz@empresa.example.es>',
    'es',
    'Estoy fuera de la oficina hasta el 16 de abril. Responderé a su mensaje a mi regreso.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Resposta automática: Fatura',
    'Rita Santos <rita@empresa.example.pt>',
    'pt',
    'Estou de férias até 25 de abril. Para assuntos urgentes, contacte geral@empresa.example.pt.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Automatisch antwoord: Factuur 2025-0815',
    'Pieter Bakker <p.bakker@bedrijf.example.nl>',
    'nl',
    'Ik ben afwezig tot en met 17 april. Uw e-mail wordt niet doorgestuurd.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Автоматический ответ: Счет 2025-0815',
    'Анна Смирнова <a.smirnova@kompania.example.ru>',
    'ru',
    'Здравствуйте! Я в отпуске до 20 апреля. По срочным вопросам обращайтесь к office@kompania.example.ru.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    '自动回复: 发票 2025-0815',
    '王芳 <wang.fang@gongsi.example.cn>',
    'zh',
    '您好，我正在休假，4月20日返回办公室。紧急事务请联系 office@gongsi.example.cn。',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    '自動応答: 請求書 2025-0815',
    '鈴木一郎 <suzuki@kaisha.example.jp>',
    'ja',
    'ただいま出張中のため、4月18日まで返信が遅れます。ご了承ください。',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Automatická odpověď: Faktura',
    'Petr Svoboda <p.svoboda@firma.example.cz>',
    'cs',
    'Dobrý den, do 19. dubna jsem mimo kancelář. Děkuji za pochopení.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Autosvar: Faktura 2025-0815',
    'Erik Lund <erik.lund@foretag.example.se>',
    'sv',
    'Jag är på semester till och med den 21 april och har begränsad tillgång till e-post.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Automatyczna odpowiedź: Faktura',
    'Anna Kowalska <a.kowalska@firma.example.pl>',
    'pl',
    'Dzień dobry, jestem na urlopie do 22 kwietnia. W pilnych sprawach proszę pisać na biuro@firma.example.pl.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Vacation reply',
    'mike@home.example.net',
    'en',
    "I'm away hiking until Sunday, no email. -- Mike (sent by vacation(1))",
    [['Precedence', 'junk']],
  ],
  [
    'Re: Invoice 2025-0815 [Auto-Reply]',
    'Service Desk <servicedesk@vendor.example.com>',
    'en',
    'Thank you for contacting the Service Desk. Your request has been logged with reference SD-48213. We aim to respond within two business days.',
    [
      ['Auto-Submitted', 'auto-replied'],
      ['X-Autorespond', 'yes'],
    ],
  ],
  [
    'Otomatik yanıt: Fatura',
    'Mehmet Demir <m.demir@sirket.example.com.tr>',
    'tr',
    'Merhaba, 20 Nisan tarihine kadar izindeyim. Acil konular için info@sirket.example.com.tr adresine yazabilirsiniz.',
    [['Auto-Submitted', 'auto-replied']],
  ],
  [
    'Ticket received: Invoice 2025-0815',
    'Acme Support <no-reply@support.acme.example>',
    'en',
    'We have received your message and created ticket #90210. Please do not reply to this automated message.',
    [
      ['Auto-Submitted', 'auto-replied'],
      ['X-Auto-Response-Suppress', 'OOF, AutoReply'],
    ],
  ],
];
autoReplies.forEach(([subject, from, lang, text, extra], i) => {
  add(`auto-reply-${String(i + 1).padStart(2, '0')}-${lang}.eml`, 'AutoReply', from, subject, plain(text), extra, [
    AUTO_REPLY,
  ]);
});

// --- Newsletters -------------------------------------------------------------------------------------------------
const newsletters: [string, string, string][] = [
  [
    'Your April deals are here',
    'Outdoor Store <news@mail.outdoor.example.com>',
    'Spring sale: 20% off tents and backpacks. Free delivery over 50 EUR.',
  ],
  [
    'Newsletter April 2025',
    'Stadtwerke <newsletter@stadtwerke.example.de>',
    'Neue Tarife ab Mai, Tipps zum Energiesparen und unser Tag der offenen Tür.',
  ],
  [
    'Weekly digest: 5 new articles',
    'Dev Weekly <digest@devweekly.example.io>',
    'This week: zero-downtime migrations, a bounce-handling deep dive, and Postgres 17 tips.',
  ],
  [
    'La lettre du mois',
    'Librairie <lettre@librairie.example.fr>',
    "Nos coups de cœur du mois et les rencontres d'auteurs en avril.",
  ],
  [
    'Last chance: webinar on email deliverability',
    'Events <events@marketing.example.com>',
    'Join us Thursday to learn why emails bounce, how to keep your list clean and what a soft bounce really means.',
  ],
  [
    'Product update: new dashboard',
    'SaaS Team <updates@saas.example.io>',
    'The new dashboard shows delivery failures, bounce rates and blocked addresses at a glance.',
  ],
  [
    'Ihre Bestellung ist bald da - und hier sind Tipps',
    'Versandhaus <info@versand.example.de>',
    'Entdecken Sie die neuen Kollektionen.',
  ],
  ['Offerte della settimana', 'Supermercato <offerte@spesa.example.it>', 'Sconti fino al 30% su frutta e verdura.'],
  ['Boletín de abril', 'Asociación <boletin@asociacion.example.es>', 'Noticias, eventos y la asamblea anual.'],
  [
    'Community update #42',
    'Open Project <community@openproject.example.org>',
    'Release 3.2 is out; thanks to 57 contributors.',
  ],
  [
    'Your monthly statement is ready',
    'Online Bank <no-reply@bank.example.com>',
    'Your statement for March is available in online banking.',
  ],
  ['Travel inspiration for May', 'Airline <offers@fly.example.com>', 'Fly to 20 new destinations this summer.'],
];
newsletters.forEach(([subject, from, text], i) => {
  add(
    `newsletter-${String(i + 1).padStart(2, '0')}.eml`,
    'Newsletter',
    from,
    subject,
    alternative(
      `${text}\n\nUnsubscribe: https://example.com/u/${i}`,
      `<html><body><h1>${subject}</h1><p>${text}</p><p><a href="https://example.com/u/${i}">Unsubscribe</a></p></body></html>`,
      i,
    ),
    [
      ['List-Unsubscribe', `<mailto:unsubscribe-${i}@list.example.com>, <https://example.com/u/${i}>`],
      ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
      ['Precedence', 'bulk'],
      ['Feedback-ID', `campaign${i}:newsletter:esp.example`],
    ],
  );
});

// --- Notifications, including failure words that are not about mail delivery ----------------------------------
const notifications: [string, string, string, string, Header[]][] = [
  [
    'ci-build-failed',
    'CI <ci@builds.example.dev>',
    '[shop/api] Build #1289 failed',
    'Build #1289 failed on main.\n\nFailed step: test\nError: 3 tests failed (delivery-status.test.ts)\n\nView the log: https://ci.example.dev/builds/1289',
    [['X-CI-Status', 'failed']],
  ],
  [
    'github-notification',
    'GitHub <notifications@github.example.com>',
    'Re: [org/repo] Bounce parser fails on Exchange 2003 NDRs (Issue #512)',
    'maria commented on this issue:\n\n> The parser returns userunknown for a mailbox-full notice.\n\nReply to this email directly or view it on GitHub.',
    [
      ['List-ID', 'org/repo <repo.org.github.example.com>'],
      ['X-GitHub-Reason', 'subscribed'],
    ],
  ],
  [
    'jira-notification',
    'Jira <jira@tracker.example.com>',
    '[JIRA] (OPS-77) Mail delivery failed for customer notifications',
    'Anna updated OPS-77:\nStatus: In Progress -> Done\n\nRoot cause: the SMTP relay rejected messages with 550 5.7.1 because of a missing SPF record.',
    [['Auto-Submitted', 'auto-generated']],
  ],
  [
    'monitoring-alert',
    'Monitoring <alerts@monitor.example.net>',
    '[ALERT] smtp-relay-02: delivery queue above threshold',
    'ALERT: deferred queue on smtp-relay-02 has 1,245 messages (threshold 1,000).\nMost common reason: 421 4.7.0 rate limited.\n\nThis alert was generated automatically.',
    [
      ['Auto-Submitted', 'auto-generated'],
      ['X-Priority', '1'],
    ],
  ],
  [
    'parcel-delivery-failed-de',
    'Paketdienst <benachrichtigung@paket.example.de>',
    'Zustellung fehlgeschlagen: Ihre Sendung 00340434161094042557',
    'Leider konnten wir Ihre Sendung heute nicht zustellen, da niemand angetroffen wurde. Wir versuchen es am nächsten Werktag erneut.',
    [],
  ],
  [
    'parcel-delivery-attempt-en',
    'Courier <tracking@courier.example.com>',
    'Delivery attempt failed - action required',
    'We tried to deliver your parcel 1Z999AA10123456784 today but nobody was home. Reschedule your delivery online.',
    [],
  ],
  [
    'payment-failed',
    'Subscriptions <billing@streaming.example.com>',
    'Your payment failed',
    'We could not charge your card ending in 4242. Please update your payment details to keep your subscription.',
    [],
  ],
  [
    'sms-gateway-report',
    'SMS Gateway <reports@sms.example.com>',
    'Daily delivery report: 3 messages undeliverable',
    'Summary for 2025-04-02:\n  sent: 1,204\n  delivered: 1,201\n  undeliverable: 3 (invalid numbers)\n\nThis report concerns SMS, not email.',
    [['Auto-Submitted', 'auto-generated']],
  ],
  [
    'webhook-failed',
    'Platform <no-reply@platform.example.io>',
    'Webhook delivery failed for endpoint https://hooks.example.com/bounces',
    'We could not deliver 12 webhook events to your endpoint (HTTP 503). We will retry for 72 hours.',
    [['Auto-Submitted', 'auto-generated']],
  ],
  [
    'backup-report',
    'Backup <backup@nas.example.lan>',
    'Backup job "mail-archive" completed with warnings',
    'Job mail-archive finished.\nFiles: 48,211\nWarnings: 2 (file in use: /var/mail/bounces)\n',
    [['Auto-Submitted', 'auto-generated']],
  ],
  [
    'cron-output',
    'Cron Daemon <root@app01.example.net>',
    'Cron <app@app01> /opt/app/bin/process-bounces',
    'processed 118 bounce messages: 97 hard, 21 soft\nmoved to folder Processed\n',
    [
      ['X-Cron-Env', '<SHELL=/bin/sh>'],
      ['Auto-Submitted', 'auto-generated'],
    ],
  ],
  [
    'forum-digest',
    'Forum <noreply@forum.example.org>',
    'New replies in "Why do my emails bounce?"',
    '3 new replies:\n- "Check whether your domain has an SPF record."\n- "A 550 5.1.1 means the address does not exist."\n- "Soft bounces are retried, hard bounces are not."',
    [['Precedence', 'bulk']],
  ],
];
notifications.forEach(([name, from, subject, text, extra]) => {
  add(`notification-${name}.eml`, 'Notification', from, subject, plain(text), extra);
});

// --- Orders, shipping, accounts ------------------------------------------------------------------------------------
const orders: [string, string, string, string][] = [
  [
    'order-confirmation',
    'Shop <orders@shop.example.net>',
    'Order confirmation #100234',
    'Thank you for your order #100234.\n\n1 x Stapler  12.90 EUR\n2 x Paper A4  9.80 EUR\nTotal: 22.70 EUR\n\nWe will let you know when it ships.',
  ],
  [
    'shipping-notice',
    'Shop <orders@shop.example.net>',
    'Your order #100234 has shipped',
    'Good news! Your order is on its way. Tracking number: 00340434161094042557.',
  ],
  [
    'bestellbestaetigung-de',
    'Onlineshop <bestellung@onlineshop.example.de>',
    'Ihre Bestellung Nr. 55012',
    'Vielen Dank für Ihre Bestellung. Lieferzeit: 2-3 Werktage.',
  ],
  [
    'confirmation-commande-fr',
    'Boutique <commandes@boutique.example.fr>',
    'Confirmation de votre commande 8841',
    'Merci pour votre commande. Elle sera expédiée sous 48 heures.',
  ],
  [
    'invoice-from-supplier',
    'Supplier Accounts <invoices@supplier.example.com>',
    'Invoice INV-2025-0412 from Supplier Ltd',
    'Please find attached invoice INV-2025-0412. Payment terms: 30 days.',
  ],
  [
    'refund-processed',
    'Marketplace <no-reply@market.example.com>',
    'Your refund has been processed',
    'We have refunded 49.99 EUR to your original payment method.',
  ],
  [
    'booking-confirmation',
    'Hotel <reservations@hotel.example.at>',
    'Booking confirmation - 12-14 May',
    'Your room is booked. Check-in from 15:00.',
  ],
  [
    'ticket-purchase',
    'Rail <tickets@rail.example.ch>',
    'Your e-ticket',
    'Your ticket from Zurich to Geneva, 02.05.2025, seat 34.',
  ],
  [
    'account-suspended-nonpayment',
    'Hosting <billing@hosting.example.com>',
    'Your hosting account has been suspended',
    'Your account was suspended because invoice 7781 is overdue. Pay now to restore service. (This concerns your hosting account, not an email address.)',
  ],
  [
    'mailbox-quota-warning-it',
    'IT Services <it-services@corp.example.com>',
    'Your mailbox is almost full (95%)',
    'Your mailbox has reached 95% of its quota. Please delete old messages; when it is full, new mail will be rejected.',
  ],
];
orders.forEach(([name, from, subject, text]) => {
  add(`order-${name}.eml`, 'Transactional', from, subject, plain(text));
});

// --- IT notices and phishing that talk about undeliverable mail --------------------------------------------------
const notices: [string, string, string, string][] = [
  [
    'maintenance-undeliverable',
    'IT Operations <it-ops@corp.example.com>',
    'Planned maintenance: email may be delayed or undeliverable on Saturday',
    'Dear colleagues,\n\nduring the mail server upgrade on Saturday 06:00-10:00, incoming mail may be delayed. Senders may receive "delivery delayed" notices; no mail will be lost.\n\nIT Operations',
  ],
  [
    'phishing-warning',
    'Security Team <security@corp.example.com>',
    'Warning: fake "Undelivered mail" messages',
    'We are seeing phishing emails pretending to be delivery failure notices ("Message delivery failure: 5 messages held"). Do not click their links. Real bounces never ask for your password.',
  ],
  [
    'quarantine-digest',
    'Quarantine <quarantine@gateway.example.com>',
    'Spam quarantine summary: 3 messages held',
    'The following messages were held for you:\n\n  From: promo@deals.example  Subject: You won!\n  From: info@unknown.example  Subject: Invoice overdue\n  From: hr@fake.example  Subject: Salary update\n\nRelease or delete them in the quarantine portal.',
  ],
  [
    'phish-fake-ndr',
    'Mail Administrator <admin@mailsystem-notice.example>',
    'Message delivery failure: 5 incoming messages pending',
    'Your mailbox failed to deliver 5 incoming messages due to a sync error.\n\nClick here to release pending messages: http://mailsystem-notice.example/release\n\nMail Administrator',
  ],
  [
    'phish-mailbox-full',
    'Webmail Support <support@webmail-quota.example>',
    'Your mailbox is full - upgrade now',
    'Your mailbox storage is full (99%). Incoming mails will be returned to sender. Upgrade your storage to avoid losing messages: http://webmail-quota.example/upgrade',
  ],
  [
    'new-relay-migration',
    'Postmaster <postmaster@corp.example.com>',
    'New outbound mail relay from 1 May',
    'From 1 May all outbound mail goes through relay.corp.example.com. If your application sends mail, please update its SMTP settings. Bounces will be delivered to bounces@corp.example.com.',
  ],
  [
    'dmarc-explanation',
    'Deliverability Consultant <consulting@deliver.example.com>',
    'Why your invoices bounce: SPF, DKIM and DMARC',
    'Hi,\n\nas discussed, some providers reject your invoices with "550 5.7.26 unauthenticated". Setting up DKIM signing will fix this. Happy to help.\n\nBest',
  ],
  [
    'recall-report',
    'Microsoft Outlook <postmaster@corp.example.com>',
    'Recall Succeeded: Invoice draft',
    'Your message\n\nTo: finance@corp.example.com\nSubject: Invoice draft\n\nwas successfully recalled.',
  ],
];
notices.forEach(([name, from, subject, text]) => {
  add(`notice-${name}.eml`, 'Notice', from, subject, plain(text));
});

// --- Security alerts ---------------------------------------------------------------------------------------------
const alerts: [string, string, string, string][] = [
  [
    'new-signin',
    'Account Security <no-reply@accounts.example.com>',
    'New sign-in to your account',
    'A new sign-in from Firefox on Windows (Vienna, Austria). If this was you, no action is needed.',
  ],
  [
    'password-changed',
    'Account Security <no-reply@accounts.example.com>',
    'Your password was changed',
    'Your password was changed on 2 April 2025. If you did not do this, secure your account now.',
  ],
  [
    'login-blocked',
    'Security <security@cloud.example.io>',
    'Suspicious sign-in blocked',
    'We blocked a sign-in attempt from an unknown device. Review your recent activity.',
  ],
  [
    '2fa-code',
    'Verify <verify@service.example.com>',
    'Your verification code',
    'Your code is 482913. It expires in 10 minutes.',
  ],
  [
    'api-key-expiring',
    'Platform <no-reply@platform.example.io>',
    'Your API key expires in 7 days',
    'The key "bounce-worker" expires on 9 April. Create a new key to avoid failed requests.',
  ],
  [
    'certificate-expiry',
    "Let's Monitor <alerts@certs.example.org>",
    'Certificate for mail.example.com expires soon',
    'The TLS certificate of mail.example.com expires in 14 days. Mail servers may refuse delivery over TLS after that date.',
  ],
];
alerts.forEach(([name, from, subject, text]) => {
  add(`security-${name}.eml`, 'SecurityAlert', from, subject, plain(text), [['Auto-Submitted', 'auto-generated']]);
});

// --- Calendar ---------------------------------------------------------------------------------------------------
const calendar = (method: string, summary: string, status = '') =>
  `BEGIN:VCALENDAR\nPRODID:-//Example Corp//Calendar 1.0//EN\nVERSION:2.0\nMETHOD:${method}\nBEGIN:VEVENT\nUID:evt-${summary.length}@calendar.example.com\nDTSTAMP:20250402T080000Z\nDTSTART:20250410T090000Z\nDTEND:20250410T100000Z\nSUMMARY:${summary}\nORGANIZER:mailto:${ME}\nATTENDEE;PARTSTAT=${status || 'NEEDS-ACTION'}:mailto:guest@client.example.com\nEND:VEVENT\nEND:VCALENDAR\n`;
const invites: [string, string, string, string, string][] = [
  [
    'invite',
    'Anna Keller <anna.keller@customer.example.de>',
    'Invitation: Quarterly review @ Thu 10 Apr 2025 11:00',
    'REQUEST',
    'Quarterly review',
  ],
  ['accepted', 'Tom Baker <t.baker@client.example.co.uk>', 'Accepted: Quarterly review', 'REPLY', 'Quarterly review'],
  [
    'declined',
    'Lucia Ferri <lucia.ferri@studio.example.it>',
    'Declined: Project kick-off',
    'REPLY',
    'Project kick-off',
  ],
  [
    'canceled',
    'Anna Keller <anna.keller@customer.example.de>',
    'Canceled: Quarterly review',
    'CANCEL',
    'Quarterly review',
  ],
  [
    'updated-de',
    'Petra Schmitz <p.schmitz@kunde.example.de>',
    'Aktualisiert: Jahresgespräch',
    'REQUEST',
    'Jahresgespräch',
  ],
];
invites.forEach(([name, from, subject, method, summary], i) => {
  const b = `cal-${i}`;
  add(`calendar-${name}.eml`, 'Calendar', from, subject, {
    headers: [['Content-Type', `multipart/alternative; boundary="${b}"`]],
    body: `--${b}\nContent-Type: text/plain; charset=utf-8\n\n${subject}\n\n--${b}\nContent-Type: text/calendar; charset=utf-8; method=${method}\n\n${calendar(method, summary, method === 'REPLY' ? (name === 'declined' ? 'DECLINED' : 'ACCEPTED') : '')}\n--${b}--\n`,
  });
});

// --- Reports that are not bounces: read receipts (MDN), DMARC aggregate, TLS-RPT ------------------------------------
add('report-read-receipt-mdn.eml', 'MDN', 'Anna Keller <anna.keller@customer.example.de>', 'Read: Invoice 2025-0815', {
  headers: [['Content-Type', 'multipart/report; report-type=disposition-notification; boundary="mdn-1"']],
  body: `--mdn-1
Content-Type: text/plain; charset=us-ascii

Your message was read on Wed, 2 Apr 2025 09:14:02 +0200.

--mdn-1
Content-Type: message/disposition-notification

Reporting-UA: customer.example.de; Outlook
Final-Recipient: rfc822; anna.keller@customer.example.de
Original-Message-ID: <inv-20250815@shop.example.com>
Disposition: manual-action/MDN-sent-manually; displayed

--mdn-1--
`,
});
add(
  'report-dmarc-aggregate.eml',
  'DMARC',
  'noreply-dmarc-support@google.example.com',
  'Report domain: shop.example.com Submitter: google.example.com Report-ID: 1234567890',
  {
    headers: [['Content-Type', 'multipart/mixed; boundary="dmarc-1"']],
    body: `--dmarc-1
Content-Type: text/plain; charset=us-ascii

This is an aggregate report from google.example.com.

--dmarc-1
Content-Type: application/xml; name="google.example.com!shop.example.com!1743465600!1743551999.xml"
Content-Disposition: attachment

<?xml version="1.0" encoding="UTF-8"?>
<feedback><report_metadata><org_name>google.example.com</org_name><report_id>1234567890</report_id></report_metadata>
<policy_published><domain>shop.example.com</domain><p>none</p></policy_published>
<record><row><source_ip>192.0.2.25</source_ip><count>12</count><policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>pass</spf></policy_evaluated></row>
<identifiers><header_from>shop.example.com</header_from></identifiers></record></feedback>
--dmarc-1--
`,
  },
);
add(
  'report-tls-rpt.eml',
  'TLSRPT',
  'tlsrpt-noreply@microsoft.example.com',
  'Report Domain: shop.example.com Submitter: microsoft.example.com Report-ID: <2025.04.01T00.00.00Z+shop.example.com@microsoft.example.com>',
  {
    headers: [['Content-Type', 'multipart/report; report-type=tlsrpt; boundary="tls-1"']],
    body: `--tls-1
Content-Type: text/plain; charset=us-ascii

This is an aggregate TLS report from microsoft.example.com.

--tls-1
Content-Type: application/tlsrpt+json

{"organization-name":"microsoft.example.com","date-range":{"start-datetime":"2025-04-01T00:00:00Z","end-datetime":"2025-04-01T23:59:59Z"},"policies":[{"policy":{"policy-type":"sts","policy-domain":"shop.example.com"},"summary":{"total-successful-session-count":130,"total-failure-session-count":0}}]}
--tls-1--
`,
  },
);

// --- Mailing-list digests and list mail -------------------------------------------------------------------------
for (let i = 1; i <= 6; i++) {
  const b = `digest-${i}`;
  add(
    `list-digest-${i}.eml`,
    'MailingList',
    `mailops-request@lists.example.org`,
    `mailops Digest, Vol 12, Issue ${i}`,
    {
      headers: [['Content-Type', `multipart/digest; boundary="${b}"`]],
      body: `--${b}
Content-Type: text/plain; charset=us-ascii

Send mailops mailing list submissions to mailops@lists.example.org

Today's Topics:

   1. Re: Microsoft 550 5.7.708 blocks (Alice)
   2. Gmail deferrals 421 4.7.28 (Bob)

--${b}

From: Alice <alice@isp.example.net>
Subject: Re: Microsoft 550 5.7.708 blocks
Date: Tue, 1 Apr 2025 10:00:00 +0000

We see "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP" for a new range.
Delisting took two days.

--${b}

From: Bob <bob@esp.example.com>
Subject: Gmail deferrals 421 4.7.28
Date: Tue, 1 Apr 2025 11:00:00 +0000

Anyone else getting "421-4.7.28 unusual rate of unsolicited mail" since Monday? Our bounces are up 3%.

--${b}--
`,
    },
    [
      ['List-Id', 'Mail operators <mailops.lists.example.org>'],
      ['Precedence', 'list'],
    ],
  );
}
add(
  'list-post-about-bounces.eml',
  'MailingList',
  'Carol <carol@hoster.example.net>',
  '[mailops] Undeliverable: how do you handle Exchange NDRs?',
  plain(
    'Hi list,\n\nour customers forward us Exchange "Undeliverable" reports like this one:\n\n  > The e-mail account does not exist at the organization this message was sent to.\n  > <mail.example.net #5.1.1>\n\nHow do you parse these reliably?\n\nCarol\n',
  ),
  [
    ['List-Id', 'Mail operators <mailops.lists.example.org>'],
    ['Precedence', 'list'],
  ],
  [],
  'mailops@lists.example.org',
);

// --- Ordinary correspondence -------------------------------------------------------------------------------------
const letters: [string, string, string, string][] = [
  [
    'meeting',
    'Paul Green <paul.green@partner.example.com>',
    'Meeting next week',
    'Hi,\n\ncould we meet on Tuesday at 10? I would like to discuss the new price list.\n\nPaul',
  ],
  [
    'quote-request-de',
    'Frank Huber <f.huber@bau.example.de>',
    'Anfrage Angebot Gerüstbau',
    'Guten Tag,\n\nbitte senden Sie uns ein Angebot für 120 m² Gerüst.\n\nMit freundlichen Grüßen\nFrank Huber',
  ],
  [
    'complaint',
    'Irene Walsh <irene.walsh@retail.example.ie>',
    'Wrong item delivered',
    'Hello,\n\nwe received blue folders instead of red ones (order 100234). Please advise.\n\nIrene',
  ],
  [
    'iso-2022-jp',
    '山田太郎 <yamada@shoji.example.jp>',
    'お見積りのお願い',
    '株式会社サンプル\nご担当者様\n\nお世話になっております。見積書の送付をお願いいたします。\n\n山田',
  ],
  [
    'thanks-fr',
    'Sophie Blanc <sophie.blanc@asso.example.fr>',
    'Merci !',
    'Bonjour,\n\nmerci pour votre aide rapide.\n\nSophie',
  ],
  [
    'forwarded-attachment',
    'Nina Roth <nina.roth@kunde.example.ch>',
    'Fwd: Lieferschein',
    'Hallo, anbei der Lieferschein vom Lager.\nNina',
  ],
  [
    'signature-only',
    'Ben Ortiz <ben@ortiz.example.com>',
    'Re: Invoice 2025-0815',
    'Paid today. Thanks!\n\n--\nBen Ortiz\nOrtiz Carpentry\nPhone +1 555 0100',
  ],
  [
    'long-thread',
    'Eva Lind <eva.lind@company.example.se>',
    'Re: Re: Re: contract renewal',
    'Agreed, let us sign on Friday.\n\nOn Tue, Apr 1, 2025 Billing wrote:\n> We can offer 5% off for a two-year term.\n>\n> On Mon, Mar 31, 2025 Eva Lind wrote:\n>> What are the terms for renewal?\n',
  ],
];
letters.forEach(([name, from, subject, text]) => {
  add(`letter-${name}.eml`, 'Correspondence', from, subject, plain(text));
});

// --- More everyday business mail, in several languages ------------------------------------------------------------
const everyday: [string, string, string, string][] = [
  [
    'payment-reminder-reply-de',
    'Sabine Vogel <s.vogel@praxis.example.de>',
    'Re: Zahlungserinnerung',
    'Guten Tag,\n\ndie Zahlung ist gestern rausgegangen. Bitte entschuldigen Sie die Verspätung.\n\nS. Vogel',
  ],
  [
    'address-change',
    'Lukas Meier <lukas.meier@kmu.example.ch>',
    'Neue Rechnungsadresse',
    'Bitte senden Sie Rechnungen ab sofort an: KMU AG, Bahnhofstrasse 1, 8001 Zürich.',
  ],
  [
    'vat-question',
    'Oliver Hughes <o.hughes@imports.example.co.uk>',
    'VAT number on invoice',
    'Hello, could you add our VAT number GB123456789 to the invoice and resend it?',
  ],
  [
    'delivery-date',
    'Ana Pereira <ana.pereira@loja.example.pt>',
    'Data de entrega',
    'Bom dia, qual é a data prevista de entrega da encomenda 100234?',
  ],
  [
    'price-list-it',
    'Marco Galli <m.galli@negozio.example.it>',
    'Listino prezzi 2025',
    'Buongiorno, potete inviarci il listino prezzi aggiornato?',
  ],
  [
    'dutch-question',
    'Sanne de Boer <sanne@winkel.example.nl>',
    'Vraag over factuur',
    'Goedemiddag, op factuur 4711 staat een verkeerd aantal. Kunt u dit corrigeren?',
  ],
  [
    'polish-order',
    'Tomasz Wiśniewski <t.wisniewski@sklep.example.pl>',
    'Zamówienie',
    'Dzień dobry, chcielibyśmy zamówić 50 sztuk produktu A-12.',
  ],
  [
    'czech-thanks',
    'Eva Horáková <eva.horakova@firma.example.cz>',
    'Poděkování',
    'Dobrý den, děkujeme za rychlé dodání.',
  ],
  [
    'russian-contract',
    'Дмитрий Орлов <d.orlov@zavod.example.ru>',
    'Договор поставки',
    'Добрый день! Направляем подписанный договор поставки. Просим подтвердить получение.',
  ],
  ['chinese-inquiry', '李明 <li.ming@maoyi.example.cn>', '询价', '您好，请提供产品目录和报价单。谢谢！'],
  [
    'korean-meeting',
    '박지훈 <park.jihoon@hoesa.example.kr>',
    '회의 일정',
    '안녕하세요, 다음 주 화요일 오전 10시에 회의 가능하신가요?',
  ],
  [
    'spanish-invoice-ok',
    'Lucía Gómez <lucia.gomez@tienda.example.es>',
    'Factura recibida',
    'Hola, hemos recibido la factura correctamente. Gracias.',
  ],
  [
    'french-devis',
    'Julien Roux <julien.roux@artisan.example.fr>',
    'Demande de devis',
    'Bonjour, pourriez-vous nous envoyer un devis pour 200 cartons ?',
  ],
  [
    'turkish-order',
    'Ayşe Kaya <ayse.kaya@magaza.example.com.tr>',
    'Sipariş hakkında',
    'Merhaba, siparişimizin durumu hakkında bilgi alabilir miyiz?',
  ],
  [
    'swedish-question',
    'Lars Nilsson <lars.nilsson@butik.example.se>',
    'Fråga om leverans',
    'Hej! När kan vi räkna med leveransen?',
  ],
  [
    'greek-hello',
    'Νίκος Παπαδόπουλος <nikos@etaireia.example.gr>',
    'Προσφορά',
    'Καλημέρα, θα θέλαμε μια προσφορά για 100 τεμάχια.',
  ],
  [
    'out-of-stock',
    'Warehouse <warehouse@shop.example.com>',
    'Item temporarily out of stock',
    'The item "Paper A4" is out of stock until 15 April. Your order will ship when it is back.',
  ],
  [
    'survey',
    'Feedback <survey@research.example.com>',
    'How did we do?',
    'Please rate your recent support experience (1 minute).',
  ],
  [
    'password-reset',
    'App <no-reply@app.example.com>',
    'Reset your password',
    'Someone asked to reset your password. If it was you, use this link within 1 hour: https://app.example.com/reset/abc',
  ],
  [
    'welcome',
    'Team <hello@startup.example.io>',
    'Welcome aboard!',
    'Thanks for signing up. Here are three tips to get started.',
  ],
  [
    'subscription-renewal',
    'Software Vendor <billing@vendor.example.com>',
    'Your subscription renews in 7 days',
    'Your annual plan renews on 10 April for 199 EUR.',
  ],
  [
    'receipt',
    'Coffee Shop <receipts@coffee.example.com>',
    'Your receipt',
    'Thanks for your purchase: 1 x Flat White 3.80 EUR.',
  ],
  [
    'event-reminder',
    'Meetup <events@meetup.example.org>',
    'Reminder: Email Operators Meetup tomorrow',
    'See you tomorrow at 18:30. Talk: "Reading bounces without tears".',
  ],
  [
    'shared-document',
    'Docs <docs-noreply@docs.example.com>',
    'Anna shared "Q2 budget" with you',
    'Anna Keller shared a spreadsheet with you. Open it in Docs.',
  ],
  [
    'voicemail',
    'Phone System <voicemail@pbx.example.net>',
    'New voicemail from +43 1 2345678',
    'You have a new voicemail (0:42). The audio file is attached.',
  ],
  ['scanner', 'Scanner <scanner@printer.example.lan>', 'Scanned document', 'Scanned from MFP-2F. Pages: 3.'],
];
everyday.forEach(([name, from, subject, text]) => {
  add(`everyday-${name}.eml`, 'Correspondence', from, subject, plain(text));
});
const moreAutoReplies: [string, string, string, string][] = [
  [
    'Automatic reply: Payment reminder',
    'Grace Lee <grace.lee@firm.example.sg>',
    'en',
    'I am travelling with limited access to email until 12 April.',
  ],
  [
    'Abwesend: Zahlungserinnerung',
    'Stefan Wolf <s.wolf@gmbh.example.de>',
    'de',
    'Ich bin bis zum 14.04. abwesend. Ihre Nachricht wird nicht automatisch weitergeleitet.',
  ],
  [
    'Absence: Rappel de paiement',
    'Nathalie Petit <n.petit@sarl.example.fr>',
    'fr',
    "Je suis absente jusqu'au 11 avril inclus.",
  ],
  [
    'Out of office until Monday',
    'Ravi Kumar <ravi.kumar@tech.example.in>',
    'en',
    'Thanks for your message. I am out of office until Monday and will reply then.',
  ],
  ['Fuori sede: Sollecito', 'Chiara Moretti <c.moretti@srl.example.it>', 'it', 'Sono in ferie fino al 22 aprile.'],
  [
    'Ausencia: Recordatorio de pago',
    'Javier Torres <j.torres@sl.example.es>',
    'es',
    'Estoy de vacaciones hasta el 23 de abril.',
  ],
];
moreAutoReplies.forEach(([subject, from, lang, text], i) => {
  add(
    `auto-reply-${String(i + 21).padStart(2, '0')}-${lang}.eml`,
    'AutoReply',
    from,
    subject,
    plain(text),
    [['Auto-Submitted', 'auto-replied']],
    [AUTO_REPLY],
  );
});

const saas: [string, string, string, string][] = [
  [
    'payout',
    'Payments <notifications@payments.example.com>',
    'Your payout of 1,240.00 EUR is on its way',
    'The payout will arrive in your bank account within 2 business days.',
  ],
  [
    'cloud-bill',
    'Cloud Billing <billing@cloud.example.com>',
    'Your invoice for March 2025 is available',
    'Amount due: 84.12 USD. Charges: compute 61.40, storage 12.02, email sending 10.70.',
  ],
  [
    'ses-quota',
    'Email Service <no-reply@email-service.example.com>',
    'Your sending quota was increased',
    'Your account can now send 50,000 messages per day. Keep your bounce rate below 5% and complaint rate below 0.1%.',
  ],
  [
    'bounce-rate-warning',
    'Email Service <no-reply@email-service.example.com>',
    'Action needed: your bounce rate is 6.2%',
    "Your account's bounce rate is above 5%. Remove invalid addresses from your lists to avoid a sending pause. This message is a notice about your account, not a bounce.",
  ],
  [
    'domain-renewal',
    'Registrar <renewals@registrar.example.net>',
    'shop.example.com renews in 30 days',
    'Your domain will renew automatically on 2 May 2025.',
  ],
  [
    'dns-changed',
    'DNS Provider <alerts@dns.example.net>',
    'DNS records changed for shop.example.com',
    'MX and TXT records were updated by user admin@shop.example.com.',
  ],
  [
    'status-page',
    'Status <status@statuspage.example.io>',
    '[Resolved] Delayed email delivery',
    'Between 09:10 and 09:55 UTC some outgoing emails were delayed. All queued messages have been delivered.',
  ],
  [
    'helpdesk-closed',
    'Helpdesk <support@helpdesk.example.com>',
    '[#4821] Ticket closed: Bounced emails from your relay',
    'Your ticket has been closed. Resolution: the relay IP was removed from the blocklist.',
  ],
  [
    'crm-import',
    'CRM <no-reply@crm.example.com>',
    'Import finished: 3 addresses rejected',
    'Your contact import finished. 1,997 contacts imported; 3 rows rejected because of invalid email syntax.',
  ],
  [
    'newsletter-report',
    'Newsletter Tool <reports@newsletter-tool.example>',
    'Campaign report: April newsletter',
    'Sent: 12,400. Delivered: 12,211. Bounced: 189 (hard 41, soft 148). Opens: 38%.',
  ],
  [
    'calendar-digest',
    'Calendar <calendar-notification@calendar.example.com>',
    'Daily agenda for Wednesday, 2 April',
    '09:00 Standup\n11:00 Quarterly review\n15:00 Call with supplier',
  ],
  [
    'chat-mentions',
    'Chat <notifications@chat.example.com>',
    'You have 4 unread mentions',
    '@billing: can you check why the invoice to customer 88 bounced?',
  ],
];
saas.forEach(([name, from, subject, text]) => {
  add(`saas-${name}.eml`, 'Notification', from, subject, plain(text), [['Auto-Submitted', 'auto-generated']]);
});
const moreNewsletters: [string, string, string][] = [
  ['Neuheiten im April', 'Baumarkt <newsletter@baumarkt.example.de>', 'Gartensaison: alles für Beet und Balkon.'],
  ['Nouveautés du printemps', 'Mode <newsletter@mode.example.fr>', 'La nouvelle collection est arrivée.'],
  ['Wiosenna wyprzedaż', 'Sklep <newsletter@sklep.example.pl>', 'Rabaty do 40% na wybrane produkty.'],
  ['本周精选', '商城 <news@shangcheng.example.cn>', '春季新品上市，全场满200减30。'],
  ['今週のおすすめ', 'ストア <news@store.example.jp>', '新生活応援セール開催中。'],
  ['Novinky v dubnu', 'Obchod <novinky@obchod.example.cz>', 'Jarní slevy na vybrané zboží.'],
  [
    'Podcast episode 88: bounces and blocklists',
    'Mail Podcast <podcast@mailcast.example.org>',
    'This week we talk about reading NDRs and getting off blocklists.',
  ],
  [
    'Your weekly security briefing',
    'SecNews <briefing@secnews.example.com>',
    'Phishing campaigns imitate delivery failure notices; here is how to spot them.',
  ],
];
moreNewsletters.forEach(([subject, from, text], i) => {
  add(
    `newsletter-${String(i + 13).padStart(2, '0')}.eml`,
    'Newsletter',
    from,
    subject,
    alternative(
      `${text}\n\nAbmelden / unsubscribe: https://example.com/u/${i + 13}`,
      `<html><body><p>${text}</p></body></html>`,
      i + 13,
    ),
    [
      ['List-Unsubscribe', `<https://example.com/u/${i + 13}>`],
      ['Precedence', 'bulk'],
    ],
  );
});

// --- Write our messages, then copy CPython's ordinary test messages ----------------------------------------------
rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'emails'), { recursive: true });
const manifest: { file: string; engine: string; expected: Expected[] }[] = [];
for (const m of msgs) {
  writeFileSync(join(OUT, 'emails', m.file), `${headerBlock(m.headers)}\n\n${m.body}`);
  manifest.push({ file: m.file, engine: m.engine, expected: m.expected ?? [] });
}
let copied = 0;
if (existsSync(PYTHON_DATA)) {
  for (let i = 1; i <= 46; i++) {
    for (const name of [`msg_${String(i).padStart(2, '0')}.txt`, `msg_${String(i).padStart(2, '0')}a.txt`]) {
      const path = join(PYTHON_DATA, name);
      if (!existsSync(path) || PYTHON_BOUNCES.has(name)) continue;
      const file = `cpython-email-${name.replace(/\.txt$/, '.eml')}`;
      writeFileSync(join(OUT, 'emails', file), readFileSync(path));
      manifest.push({ file, engine: 'CPythonTestData', expected: [] });
      copied++;
    }
  }
} else {
  console.warn(`no ${PYTHON_DATA}: install libpython3.11-testsuite to include CPython's test messages`);
}
manifest.sort((a, b) => a.file.localeCompare(b.file));
writeManifest(join(OUT, 'manifest.json'), manifest);
console.log(`non-bounce: ${manifest.length} messages (${msgs.length} ours, ${copied} from CPython's email test data)`);
