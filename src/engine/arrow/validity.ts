/**
 * Arrow validity bitmap for the column writers, allocated only once a null appears
 * (most demo columns never have one).
 */
/** Validity bitmap of one column: bit set = value present. */
export class Validity {
  bits: Uint8Array | null = null;
  nullCount = 0;

  /** Marks row i null, creating the bitmap (all earlier rows valid) on first use. */
  setNull(i: number, capacity: number): void {
    if (!this.bits) {
      this.bits = new Uint8Array((capacity + 7) >> 3);
      this.bits.fill(0xff, 0, (i + 7) >> 3);
      // The byte holding row i may have been filled past it: clear from row i on.
      if (i & 7) this.bits[i >> 3] &= (1 << (i & 7)) - 1;
    }
    this.nullCount++;
    this.bits[i >> 3] &= ~(1 << (i & 7));
  }

  /** Marks row i valid (only needed once a bitmap exists). */
  setValid(i: number): void {
    if (this.bits) this.bits[i >> 3] |= 1 << (i & 7);
  }

  /** Keeps room for `capacity` rows. */
  grow(capacity: number): void {
    if (this.bits && this.bits.length < (capacity + 7) >> 3) {
      const next = new Uint8Array((capacity + 7) >> 3);
      next.set(this.bits);
      this.bits = next;
    }
  }

  /** The nullCount/nullBitmap props of makeData for the first `length` rows. */
  props(length: number): { nullCount: number; nullBitmap?: Uint8Array } {
    return this.bits ? { nullCount: this.nullCount, nullBitmap: this.bits.subarray(0, (length + 7) >> 3) } : { nullCount: 0 };
  }
}
