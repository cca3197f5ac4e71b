/**
 * What every operator script of this folder shares: its command line read with node:util's parseArgs (with
 * `--help`), usage errors that print the usage and exit 64 (EX_USAGE), and the database opened for one connection
 * and closed whatever happens, an error reported as `<script>: <message>` with exit code 1.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type DatabaseHandle, openDatabase, runMigrations } from '@bounce/db';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

export interface ScriptCommand<T extends Options> {
  values: ReturnType<typeof parseArgs<{ options: T & typeof HELP }>>['values'];
  /** Prints the message and the usage, exits 64. */
  fail(message: string): never;
}

export function scriptCommand<T extends Options>(name: string, usage: string, options: T): ScriptCommand<T> {
  const fail = (message: string): never => {
    console.error(`${name}: ${message}\n${usage}`);
    process.exit(64); // EX_USAGE
  };
  // parseArgs's result type cannot be resolved for a generic T here; at each call site T is concrete and the
  // returned `values` is typed from the script's own options.
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ options: { ...options, ...HELP } }).values;
  } catch (err) {
    return fail((err as Error).message);
  }
  if (values.help) {
    console.error(usage);
    process.exit(0);
  }
  return { values: values as ScriptCommand<T>['values'], fail };
}

/**
 * Runs `work` on a one-connection database handle. `migrate` (the default) applies pending migrations first and
 * accepts the embedded database (PGLITE_DIR) when DATABASE_URL is unset, so a script works before the API ever ran.
 */
export async function withScriptDatabase(
  name: string,
  work: (handle: DatabaseHandle) => Promise<void>,
  options: { url?: string; migrate?: boolean } = {},
): Promise<void> {
  const dbOptions = {
    url: options.url ?? (process.env.DATABASE_URL || undefined),
    dataDir: options.url ? undefined : process.env.PGLITE_DIR || undefined,
  };
  if (options.migrate !== false) await runMigrations(dbOptions);
  const handle = openDatabase({ ...dbOptions, maxConnections: 1 });
  try {
    await work(handle);
  } catch (err) {
    console.error(`${name}: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}
