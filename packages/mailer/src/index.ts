export * from './mailer.js';
export * from './smtp-check.js';
