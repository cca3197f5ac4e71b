/**
 * Buffered writer for stdout that respects back-pressure and treats a closed pipe (EPIPE: `bounce parse ... | head`)
 * as the reader having seen enough, not as a failure.
 *
 * Output is batched (one write per 64 KiB, or per 100 ms so that a slow run still shows rows as they come): one
 * system call per result line would cost more than parsing the message.
 */

export type OutputWriterOptions = {
  /** Flush once this many characters are buffered. Default: 65536. */
  maxBufferChars?: number;
  /** Flush when the last flush is older than this, so output keeps flowing on slow input. Default: 100 ms. */
  maxDelayMs?: number;
  /** Clock, for tests. Default: Date.now. */
  now?: () => number;
};

const DEFAULT_MAX_BUFFER_CHARS = 64 * 1024;
const DEFAULT_MAX_DELAY_MS = 100;

export class OutputWriter {
  /** The reader closed the pipe (EPIPE): stop producing output, quietly. */
  isClosed = false;
  /** Any other write error (disk full, ...): reported by the caller. */
  failure: Error | null = null;
  private buffer = '';
  private lastFlushAt: number;
  private readonly maxBufferChars: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    options: OutputWriterOptions = {},
  ) {
    this.maxBufferChars = options.maxBufferChars ?? DEFAULT_MAX_BUFFER_CHARS;
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    this.now = options.now ?? Date.now;
    this.lastFlushAt = this.now();
    stream.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
  }

  /** Whether writing should stop (pipe closed or failed). */
  get isDone(): boolean {
    return this.isClosed || this.failure !== null;
  }

  async write(text: string): Promise<void> {
    if (this.isDone) return;
    this.buffer += text;
    if (this.buffer.length >= this.maxBufferChars || this.now() - this.lastFlushAt >= this.maxDelayMs) {
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    this.lastFlushAt = this.now();
    if (this.isDone || chunk === '') return;
    let isDrained: boolean;
    try {
      isDrained = this.stream.write(chunk);
    } catch (err) {
      this.onError(err as NodeJS.ErrnoException);
      return;
    }
    if (!isDrained && !this.isDone) await this.waitForDrain();
  }

  private waitForDrain(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }

  private onError(err: NodeJS.ErrnoException): void {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.isClosed = true;
    else this.failure ??= err;
  }
}
