/**
 * SMTP submission relay: applications that can only send over SMTP submit here with their own credentials; each
 * message is recorded as one send per recipient, relayed to the smarthost with its VERP envelope sender, and a
 * synchronous rejection is reported. Configuration: see env.ts.
 */
import { runMain } from '@bounce/runtime';
import { relayService } from './relay-process.js';

await runMain(relayService);
