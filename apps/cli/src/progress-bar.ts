/**
 * Progress on stderr for long runs: drawn only on a terminal and only once the input is large, redrawn at most every
 * 100 ms, erased at the end. stdout never sees it.
 */

export type ProgressStream = { write(text: string): unknown; columns?: number };

export type ProgressBarOptions = {
  /** Show progress only when more messages than this are planned or parsed. Default: 200. */
  threshold?: number;
  /** Minimum time between redraws. Default: 100 ms. */
  intervalMs?: number;
  /** Clock, for tests. Default: Date.now. */
  now?: () => number;
};

const DEFAULT_THRESHOLD = 200;
const DEFAULT_INTERVAL_MS = 100;
const BAR_WIDTH = 24;
/** Carriage return + "erase to end of line" (ECMA-48 EL): redraw in place. */
const CLEAR_LINE = '\r\u001b[K';

/** "12,345": a fixed digit grouping, without Intl (loading ICU's number formats costs ~20 ms at start-up). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export class ProgressBar {
  private planned = 0;
  private processed = 0;
  private isDrawn = false;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private readonly startedAt: number;
  private readonly threshold: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressBarOptions = {},
  ) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** More messages are coming (a folder was listed). */
  plan(count: number): void {
    this.planned += count;
  }

  /** `count` more messages parsed (default: one). */
  tick(count = 1): void {
    this.processed += count;
    if (Math.max(this.planned, this.processed) <= this.threshold) return;
    const now = this.now();
    if (now - this.lastDrawAt < this.intervalMs) return;
    this.lastDrawAt = now;
    this.stream.write(CLEAR_LINE + this.render(now));
    this.isDrawn = true;
  }

  /** Erases the progress line, before other stderr output and at the end. */
  clear(): void {
    if (!this.isDrawn) return;
    this.stream.write(CLEAR_LINE);
    this.isDrawn = false;
    this.lastDrawAt = Number.NEGATIVE_INFINITY;
  }

  /** The progress line, e.g. "parsing [######------------------] 25% 1,234/5,000 messages, 3,456/s". */
  render(now = this.now()): string {
    const seconds = (now - this.startedAt) / 1000;
    const rate = seconds > 0 ? `, ${groupDigits(Math.round(this.processed / seconds))}/s` : '';
    // An mbox counts as one planned input but yields many messages: then only the count is known.
    if (this.planned === 0 || this.processed > this.planned) {
      return `parsing ${groupDigits(this.processed)} messages${rate}`;
    }
    const ratio = this.processed / this.planned;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
    const line =
      `parsing [${bar}] ${Math.floor(ratio * 100)}% ` +
      `${groupDigits(this.processed)}/${groupDigits(this.planned)} messages${rate}`;
    // Never wider than the terminal: a wrapped line cannot be redrawn in place.
    return this.stream.columns ? line.slice(0, this.stream.columns - 1) : line;
  }
}
