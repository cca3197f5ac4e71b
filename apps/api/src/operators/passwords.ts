/**
 * Passwords of console accounts: argon2id (RFC 9106) through @node-rs/argon2, whose prebuilt binary ships inside its
 * npm package. Parameters are OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): about 30 ms here, slow
 * enough against offline guessing, cheap enough that the sign-in rate limit, not the CPU, bounds an online attack.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// algorithm 2 = Argon2id (the package's ambient const enum cannot be imported under verbatimModuleSyntax).
const PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** NIST SP 800-63B: length over composition rules; any characters; an upper bound against hashing abuse. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** False for a wrong password and for a malformed stored hash alike (never throws on input). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, computed once: sign-in verifies against it when the e-mail is unknown, so an unknown
 * e-mail costs the same time as a known one and the response time does not tell which accounts exist.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** A generated first password: 20 characters from an alphabet without look-alikes (about 115 bits). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(40);
  let out = '';
  // Rejection sampling keeps every character equally likely (256 is not a multiple of the alphabet's 57).
  for (const b of bytes) {
    if (b >= 57 * 4) continue;
    out += alphabet[b % 57];
    if (out.length === 20) return out;
  }
  return out + generatePassword().slice(0, 20 - out.length);
}
