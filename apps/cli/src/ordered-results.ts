/**
 * Delivers results in the order their work was submitted, however the work finishes, and holds back the producer
 * when too much is outstanding (back-pressure): `push` resolves only once fewer than `limit` results are waiting,
 * and delivery awaits the consumer (e.g. a full stdout pipe), so neither side can run ahead without bound.
 *
 * Results are delivered as soon as every earlier one is, not only when the queue is full, so that output flows.
 */

type Entry<T> = { promise: Promise<T>; isSettled: boolean };

export class OrderedResults<T> {
  private readonly entries: Entry<T>[] = [];
  private delivering: Promise<void> | null = null;

  private maxOutstanding = 1;

  /**
   * @param limit results outstanding (submitted, not yet delivered) at most; may be raised later (`limit`)
   * @param deliver called once per result, in submission order; awaited before the next one
   */
  constructor(
    limit: number,
    private readonly deliver: (value: T) => void | Promise<void>,
  ) {
    this.limit = limit;
  }

  get limit(): number {
    return this.maxOutstanding;
  }

  /** Changes the limit (a run that turns out large gets more in flight); applies from the next `push`. */
  set limit(value: number) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError('limit must be at least 1');
    this.maxOutstanding = value;
  }

  /** Results submitted and not yet delivered. */
  get outstanding(): number {
    return this.entries.length;
  }

  /**
   * Adds the next result (a value or a promise of one). Resolves when there is room for another; rejects if a
   * delivery throws. A rejected promise is delivered as a rejection: callers turn failures into values first.
   */
  async push(result: T | Promise<T>): Promise<void> {
    const entry: Entry<T> = { promise: Promise.resolve(result), isSettled: false };
    entry.promise.then(
      () => {
        entry.isSettled = true;
      },
      () => {
        entry.isSettled = true;
      },
    );
    this.entries.push(entry);
    // Let already-settled values be seen as settled before deciding whether to deliver now.
    await null;
    while (this.entries.length >= this.maxOutstanding || this.entries[0]?.isSettled) await this.deliverHead();
  }

  /** Delivers everything outstanding. */
  async drain(): Promise<void> {
    while (this.entries.length > 0) await this.deliverHead();
  }

  private async deliverHead(): Promise<void> {
    // One delivery at a time, even if push and drain overlap.
    while (this.delivering) await this.delivering;
    const head = this.entries[0];
    if (!head) return;
    this.delivering = (async () => {
      const value = await head.promise;
      this.entries.shift();
      await this.deliver(value);
    })();
    try {
      await this.delivering;
    } finally {
      this.delivering = null;
    }
  }
}
