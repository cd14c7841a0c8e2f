import { Bool, DateDay, Float64, Int64, TimestampMicrosecond, makeData, type Data } from 'apache-arrow';
import type { ColumnWriter } from './columns';
import { Validity } from './validity';

/**
 * Fixed-width column writers (DOUBLE, DATE, TIMESTAMP, BIGINT, BOOLEAN) over growable
 * typed arrays.
 */

/** Fixed-width column over a growable typed array. */
abstract class FixedWriter<A extends Float64Array | Int32Array | Uint32Array> {
  length = 0;
  protected values: A;
  protected readonly validity = new Validity();

  constructor(
    capacity: number,
    private readonly make: (n: number) => A,
    private readonly slotsPerValue = 1,
  ) {
    this.values = make(capacity * slotsPerValue);
  }

  /** Index of the next slot, growing the buffer when full. */
  protected slot(): number {
    if ((this.length + 1) * this.slotsPerValue > this.values.length) {
      const next = this.make(this.values.length * 2);
      next.set(this.values as never);
      this.values = next;
      this.validity.grow(next.length / this.slotsPerValue);
    }
    this.validity.setValid(this.length);
    return this.length++ * this.slotsPerValue;
  }

  /** Appends NULL. */
  pushNull(): void {
    const i = this.slot();
    for (let k = 0; k < this.slotsPerValue; k++) this.values[i + k] = 0;
    this.validity.setNull(this.length - 1, this.values.length / this.slotsPerValue);
  }

  protected used(): A {
    return this.values.subarray(0, this.length * this.slotsPerValue) as A;
  }
}

/** DOUBLE column. */
export class Float64Writer extends FixedWriter<Float64Array> implements ColumnWriter {
  readonly type = new Float64();
  constructor(capacity = 1024) {
    super(capacity, (n) => new Float64Array(n));
  }
  /** Appends a number. */
  push(v: number): void {
    // slot() may replace the buffer: take the index before reading this.values.
    const i = this.slot();
    this.values[i] = v;
  }
  /** Appends a number, or NULL for null. */
  pushMaybe(v: number | null): void {
    if (v === null) this.pushNull();
    else this.push(v);
  }
  finish(): Data<Float64> {
    return makeData({ type: this.type, length: this.length, data: this.used(), ...this.validity.props(this.length) });
  }
}

/** DATE column (days since the epoch). */
export class DateWriter extends FixedWriter<Int32Array> implements ColumnWriter {
  readonly type = new DateDay();
  constructor(capacity = 1024) {
    super(capacity, (n) => new Int32Array(n));
  }
  /** Appends a day number. */
  push(day: number): void {
    const i = this.slot();
    this.values[i] = day;
  }
  /** Appends a day number, or NULL for null. */
  pushMaybe(day: number | null): void {
    if (day === null) this.pushNull();
    else this.push(day);
  }
  finish(): Data<DateDay> {
    return makeData({ type: this.type, length: this.length, data: this.used(), ...this.validity.props(this.length) });
  }
}

/**
 * 64-bit integers written as two 32-bit words: building a BigInt per value costs more than the
 * rest of the generator. Values stay below 2^53, so the split is exact.
 */
abstract class Int64WordsWriter extends FixedWriter<Uint32Array> {
  constructor(capacity: number) {
    super(capacity, (n) => new Uint32Array(n), 2);
  }
  protected pushInt(v: number): void {
    const i = this.slot();
    const hi = Math.floor(v / 4294967296);
    this.values[i] = v - hi * 4294967296; // little-endian: low word first
    this.values[i + 1] = hi >>> 0;
  }
  protected bigints(): BigInt64Array {
    const u = this.used();
    return new BigInt64Array(u.buffer, u.byteOffset, this.length);
  }
}

/** TIMESTAMP column (microseconds, the unit DuckDB uses; written from epoch milliseconds). */
export class TimestampWriter extends Int64WordsWriter implements ColumnWriter {
  readonly type = new TimestampMicrosecond();
  constructor(capacity = 1024) {
    super(capacity);
  }
  /** Appends epoch milliseconds. */
  push(ms: number): void {
    this.pushInt(ms * 1000);
  }
  /** Appends epoch milliseconds, or NULL for null. */
  pushMaybe(ms: number | null): void {
    if (ms === null) this.pushNull();
    else this.push(ms);
  }
  finish(): Data<TimestampMicrosecond> {
    return makeData({ type: this.type, length: this.length, data: this.bigints(), ...this.validity.props(this.length) });
  }
}

/** BIGINT column (the `_line` row numbers). */
export class Int64Writer extends Int64WordsWriter implements ColumnWriter {
  readonly type = new Int64();
  constructor(capacity = 1024) {
    super(capacity);
  }
  /** Appends an integer below 2^53. */
  push(v: number): void {
    this.pushInt(v);
  }
  finish(): Data<Int64> {
    return makeData({ type: this.type, length: this.length, data: this.bigints(), ...this.validity.props(this.length) });
  }
}

/** BOOLEAN column (bit-packed). */
export class BoolWriter implements ColumnWriter {
  readonly type = new Bool();
  length = 0;
  private bits: Uint8Array;
  private readonly validity = new Validity();

  constructor(capacity = 1024) {
    this.bits = new Uint8Array((capacity + 7) >> 3);
  }

  private slot(): number {
    if (this.length + 1 > this.bits.length * 8) {
      const next = new Uint8Array(this.bits.length * 2);
      next.set(this.bits);
      this.bits = next;
      this.validity.grow(next.length * 8);
    }
    this.validity.setValid(this.length);
    return this.length++;
  }

  /** Appends a boolean. */
  push(v: boolean): void {
    const i = this.slot();
    if (v) this.bits[i >> 3] |= 1 << (i & 7);
  }

  /** Appends NULL. */
  pushNull(): void {
    const i = this.slot();
    this.validity.setNull(i, this.bits.length * 8);
  }

  finish(): Data<Bool> {
    return makeData({
      type: this.type,
      length: this.length,
      data: this.bits.subarray(0, (this.length + 7) >> 3),
      ...this.validity.props(this.length),
    });
  }
}
