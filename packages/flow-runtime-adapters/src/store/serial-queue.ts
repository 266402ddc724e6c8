/**
 * Runs tasks one after the other per key, in the order they were queued: the publishes of one
 * flow never interleave, while different flows proceed in parallel. A failed task does not stop
 * the ones queued after it.
 */
export class KeyedSerialQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /** Queues `task` behind the tasks already queued under `key`; settles as `task` does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }
}
