/** An append-only list of 32-bit integers in one typed array (no object per entry). */
export class GrowableInts {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  /** Appends one value. */
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  /** The i-th value. */
  at(i: number): number {
    return this.data[i];
  }

  /** Drops the values from index `length` on. */
  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  /** A copy of the values. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
