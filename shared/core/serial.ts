/**
 * A queue that runs one task at a time, in the order they were queued; a failed task does not block the next.
 * The core's read-modify-write work goes through one (two overlapping tasks could otherwise store an older state
 * over a newer one).
 */
export class SerialQueue {
  /** Settles when the last task queued so far has; never rejects. */
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` once every task queued before it has settled; resolves or rejects as `work` does. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every task queued so far has settled (later tasks are not waited for). */
  async idle(): Promise<void> {
    await this.tail;
  }
}
