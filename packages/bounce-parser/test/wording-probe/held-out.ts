import type { ProbeEntry } from './probe.js';

/**
 * The held-out wording probe: replies written after the fifth pass's first families were made, and scored once
 * before any family was changed for them (the first-sight figure in test/GENERALISATION.md). Same rules as
 * probe.ts: invented, labelled by the convention, no corpus text.
 */
export const HELD_OUT: readonly ProbeEntry[] = [
  // userunknown
  ['userunknown', '550 Sorry, no mailbox here by the name of a', 'RCPT'],
  ['userunknown', '550 The address a@example.net is not recognised by this server', 'RCPT'],
  ['userunknown', '550 Unknown local recipient a', 'RCPT'],
  ['userunknown', '550 a@example.net: this user does not have an account here', 'RCPT'],
  ['userunknown', '550 Invalid address, no such recipient registered', 'RCPT'],
  ['userunknown', '550 Der Benutzer a ist nicht vorhanden', 'RCPT'],
  ['userunknown', "550 Ce destinataire n'existe pas sur ce serveur", 'RCPT'],
  ['userunknown', '550 No existe ninguna cuenta con esa dirección', 'RCPT'],
  ['userunknown', "550 Non esiste alcun utente con quest'indirizzo", 'RCPT'],
  ['userunknown', '550 Não há nenhuma conta com este endereço', 'RCPT'],
  ['userunknown', '550 Deze gebruiker bestaat niet', 'RCPT'],
  ['userunknown', '550 Адресат не существует', 'RCPT'],
  ['userunknown', '550 Brak takiego użytkownika', 'RCPT'],
  ['userunknown', '550 Příjemce neexistuje', 'RCPT'],
  ['userunknown', '550 Mottagaradressen finns inte', 'RCPT'],
  ['userunknown', '550 Bu kullanıcı mevcut değil', 'RCPT'],
  ['userunknown', '550 該当するユーザーは存在しません', 'RCPT'],
  ['userunknown', '550 用户名不存在', 'RCPT'],
  ['userunknown', '550 받는 사람이 존재하지 않습니다', 'RCPT'],
  ['userunknown', '550 Adresa destinatarului nu există', 'RCPT'],
  // mailboxfull
  ['mailboxfull', "452 The recipient's mailbox has no space left"],
  ['mailboxfull', '452 Mailbox of a@example.net exceeds its quota'],
  ['mailboxfull', "452 This user's storage is full, try again later"],
  ['mailboxfull', '452 Insufficient space in the recipient mailbox'],
  ['mailboxfull', '452 Das Postfach hat sein Kontingent überschritten'],
  ['mailboxfull', '452 La boîte aux lettres de a@example.fr a dépassé son quota'],
  ['mailboxfull', '452 El buzón de correo no tiene espacio disponible'],
  ['mailboxfull', '452 La casella postale è piena'],
  ['mailboxfull', '452 Caixa postal cheia'],
  ['mailboxfull', '452 Postvak van de ontvanger is vol'],
  ['mailboxfull', '452 Почтовый ящик заполнен'],
  ['mailboxfull', '452 Skrzynka pocztowa jest pełna'],
  ['mailboxfull', '452 メールボックスがいっぱいです'],
  ['mailboxfull', '452 对方邮箱已满'],
  ['mailboxfull', '452 Postkassen for modtageren er fuld'],
  // hostunknown
  ['hostunknown', '550 No such domain at this location'],
  ['hostunknown', '550 The domain example.invalid does not exist'],
  ['hostunknown', '550 Unknown mail domain example.invalid'],
  ['hostunknown', '550 Le domaine example.invalid est inconnu'],
  ['hostunknown', '550 Die Zieldomain existiert nicht'],
  ['hostunknown', '550 El dominio example.invalid no existe'],
  // suspend
  ['suspend', '550 This mailbox is currently disabled', 'RCPT'],
  ['suspend', '550 The user account is temporarily deactivated', 'RCPT'],
  ['suspend', '550 Mailbox frozen by administrator', 'RCPT'],
  ['suspend', '550 Das Postfach ist deaktiviert', 'RCPT'],
  ['suspend', '550 La boîte aux lettres est suspendue', 'RCPT'],
  ['suspend', '550 El buzón está desactivado', 'RCPT'],
  ['suspend', '550 La casella di posta è stata sospesa', 'RCPT'],
  ['suspend', '550 Почтовый ящик заблокирован', 'RCPT'],
  // filtered
  ['filtered', '550 Recipient refuses mail from this sender', 'RCPT'],
  ['filtered', '550 Mail from your address is blocked by the recipient', 'RCPT'],
  ['filtered', '550 The user has blocked messages from example.org', 'RCPT'],
  ['filtered', '550 Der Empfänger hat Ihre Adresse blockiert', 'RCPT'],
  // rejected
  ['rejected', '550 Sender rejected: domain has no MX'],
  ['rejected', '553 Your MAIL FROM address is not acceptable'],
  ['rejected', '550 Sender address a@example.org blocked'],
  ['rejected', '550 We cannot verify your sender address'],
  ['rejected', '550 Ungültige Absenderadresse'],
  ['rejected', '550 Adresse expéditeur non valide'],
  ['rejected', '550 El remitente no está autorizado'],
  ['rejected', '550 Mittente non autorizzato'],
  // blocked
  ['blocked', '554 Your IP is blacklisted'],
  ['blocked', '554 Mail from 192.0.2.55 rejected: host on our block list'],
  ['blocked', '554 Connection refused, your host is on a DNSBL'],
  ['blocked', '554 Access denied for your IP address'],
  ['blocked', '421 Your server is temporarily blocked'],
  ['blocked', '554 Ihr Server ist gesperrt'],
  ['blocked', '554 Votre serveur est bloqué'],
  ['blocked', '554 Su servidor ha sido bloqueado'],
  ['blocked', '554 Il tuo server è bloccato'],
  ['blocked', '554 Ваш сервер заблокирован'],
  // badreputation
  ['badreputation', '550 The sending IP has a poor reputation'],
  ['badreputation', '421 Temporarily deferred: low reputation of your domain'],
  // spamdetected
  ['spamdetected', '550 Content rejected as likely spam', 'DATA'],
  ['spamdetected', '554 Message rejected: spam score too high', 'DATA'],
  ['spamdetected', '550 Our filters think this is unsolicited mail', 'DATA'],
  ['spamdetected', '554 Ihre Nachricht wurde als Spam erkannt', 'DATA'],
  ['spamdetected', '554 Il messaggio sembra spam', 'DATA'],
  ['spamdetected', '554 Сообщение распознано как спам', 'DATA'],
  // policyviolation
  ['policyviolation', '550 This type of attachment is not allowed', 'DATA'],
  ['policyviolation', '550 Message violates the policy of this domain', 'DATA'],
  ['policyviolation', '550 Zip archives are forbidden by policy', 'DATA'],
  ['policyviolation', '550 Dateianhänge vom Typ .exe sind verboten', 'DATA'],
  // securityerror
  ['securityerror', '530 5.7.0 Authentication required'],
  ['securityerror', '535 Authentication credentials rejected'],
  ['securityerror', '530 This server requires an encrypted connection'],
  // norelaying
  ['norelaying', '550 Relaying not allowed for a@example.net'],
  ['norelaying', '554 This server does not relay mail for other domains'],
  ['norelaying', '550 Relay verweigert'],
  // requireptr
  ['requireptr', '550 Your host has no reverse DNS'],
  ['requireptr', '550 Missing PTR for connecting address'],
  // authfailure
  ['authfailure', '550 SPF check failed for example.org'],
  ['authfailure', '550 DMARC policy of the sender domain says reject'],
  ['authfailure', '550 DKIM verification failed'],
  // toomanyconn
  ['toomanyconn', '421 Too many simultaneous connections'],
  ['toomanyconn', '452 Too many recipients for this transaction'],
  ['toomanyconn', '421 Maximum number of connections exceeded'],
  // speeding
  ['speeding', '450 Rate limit reached, try later'],
  ['speeding', '421 You are throttled, slow down'],
  // expired
  ['expired', 'Message expired after 5 days in queue'],
  ['expired', 'Delivery time limit exceeded'],
  ['expired', 'Die Nachricht konnte nicht rechtzeitig zugestellt werden'],
  ['expired', 'Le délai de livraison est dépassé'],
  // mesgtoobig
  ['mesgtoobig', '552 Message size exceeds the maximum permitted'],
  ['mesgtoobig', '552 Nachricht zu groß'],
  ['mesgtoobig', '552 Le message est trop volumineux'],
  ['mesgtoobig', '552 Mensaje demasiado grande'],
  // systemerror
  ['systemerror', '451 Internal server error, please retry'],
  ['systemerror', '451 Temporary local problem, please try later'],
  ['systemerror', '451 Errore interno del server'],
  // systemfull
  ['systemfull', '452 Disk full on mail server'],
  // networkerror
  ['blocked', 'Connection refused by mx.example.net'],
  ['networkerror', 'Mail loop detected'],
  // virus
  ['virusdetected', '554 Virus found in attachment', 'DATA'],
  ['virusdetected', '554 Ihre Nachricht enthält Schadsoftware', 'DATA'],
  // syntaxerror
  ['syntaxerror', '501 Invalid syntax in MAIL FROM'],
  // hasmoved
  ['hasmoved', '550 This user has moved to another address'],
  // notaccept
  ['notaccept', '550 Domain does not receive email'],
];
