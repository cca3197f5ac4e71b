export {
  type ReencryptOptions,
  type ReencryptResult,
  type ReencryptTableResult,
  reencryptSecrets,
} from './reencrypt-secrets.js';
