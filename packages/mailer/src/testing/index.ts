/** Test helpers: import from `@bounce/mailer/testing` in tests only. */
export { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.js';
