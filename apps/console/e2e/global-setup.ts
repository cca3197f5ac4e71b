import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { STACK_FILE, startStack } from './stack';

/** Starts the API (with PostgreSQL and Redis) once for every test file; the returned function stops it. */
export default async function globalSetup() {
  mkdirSync(dirname(STACK_FILE), { recursive: true });
  const stack = await startStack();
  process.env.CONSOLE_BASE_URL = stack.baseUrl;
  return async () => stack.stop();
}
