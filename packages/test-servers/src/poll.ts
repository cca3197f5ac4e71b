/**
 * Waiting on conditions instead of sleeping: every wait in the tests polls what it waits for (a row, a folder count,
 * a log line) with a generous deadline, so a slow CI machine makes a run slower, not red. The one polling loop of
 * the workspace's tests.
 */

export class PollTimeoutError extends Error {
  override readonly name = 'PollTimeoutError';
}

export type PollOptions = {
  /** Give up after this long. Default 60 s. */
  timeoutMs?: number;
  /** Pause between checks. Default 50 ms. */
  intervalMs?: number;
  /** What is awaited, for the error message. */
  what?: string;
  /** Extra diagnostics appended to the timeout error (worker logs, last observed value). */
  describe?: () => string | Promise<string>;
};

/** Resolves with the first value of `check` that is neither undefined, null nor false. */
export async function pollUntil<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: PollOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) {
      const details = options.describe ? `\n${await options.describe()}` : '';
      throw new PollTimeoutError(
        `timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}${details}`,
      );
    }
    await sleep(options.intervalMs ?? 50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
