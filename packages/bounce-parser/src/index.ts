export { classifyReply } from './classify-reply.js';
export { type EvalRecipient, type EvalRecord, toEvalRecord } from './eval-record.js';
export { DEFAULT_MAX_BYTES } from './mime/raw-message.js';
export { DEFAULT_CORRELATION_HEADERS } from './original/original-message.js';
export { parseBounce } from './parse-bounce.js';
export * from './types.js';
