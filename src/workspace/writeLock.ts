/**
 * The writer connection's one-at-a-time rule: a transaction, a screen build and a workspace
 * switch each hold it for their whole length, so no statement of one runs inside another's
 * transaction (a CHECKPOINT or a failing statement there would abort it) and a build never
 * reads rows half-way through a load's commit. FIFO; not reentrant: code already holding it
 * calls the *Locked variants.
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every earlier holder has finished. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }
}
