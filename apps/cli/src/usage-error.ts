import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A bad command line: the message says what is wrong (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; args: string[] }>>;

/** node:util's strict parseArgs with positionals, its errors turned into UsageErrors. */
export function parseCommandLine<T extends Options>(argv: readonly string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as Parsed<T>;
  } catch (err) {
    // node:util's messages are readable, except the unknown-option one, whose advice about '--' is garbled.
    const { code, message } = err as NodeJS.ErrnoException;
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']*)'/.exec(message) : null;
    throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : message);
  }
}
