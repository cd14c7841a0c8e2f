import { Utf8, makeData, type Data, type DataType } from 'apache-arrow';
import { Validity } from './validity';

/**
 * Append-only Arrow column writers over growable typed arrays: ten million rows are written
 * without a JS object per row or per value. Each `finish()` returns Arrow `Data` of the exact type
 * DuckDB maps the canonical SQL type to (VARCHAR -> Utf8 here; DATE -> DateDay, TIMESTAMP ->
 * Timestamp<MICROSECOND>, DOUBLE -> Float64, BOOLEAN -> Bool, BIGINT -> Int64 in fixedColumns.ts).
 */

const encoder = new TextEncoder();
const encoded = new Map<string, Uint8Array>();

/** UTF-8 bytes of a category value, encoded once and cached. */
export function utf8(value: string): Uint8Array {
  let b = encoded.get(value);
  if (!b) {
    b = encoder.encode(value);
    encoded.set(value, b);
  }
  return b;
}

/** A column writer: rows appended in order, then frozen into Arrow Data. */
export interface ColumnWriter {
  readonly length: number;
  finish(): Data;
  readonly type: DataType;
}

/** VARCHAR column. */
export class Utf8Writer implements ColumnWriter {
  readonly type = new Utf8();
  length = 0;
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private pos = 0;
  private readonly validity = new Validity();

  constructor(capacity = 1024, bytesPerValue = 8) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(Math.max(64, capacity * bytesPerValue));
  }

  private ensure(extraBytes: number): void {
    if (this.length + 2 > this.offsets.length) {
      const next = new Int32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
      this.validity.grow(next.length);
    }
    if (this.pos + extraBytes > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + extraBytes));
      next.set(this.bytes.subarray(0, this.pos));
      this.bytes = next;
    }
  }

  /** Appends pre-encoded UTF-8 bytes (categories, ids). */
  push(value: Uint8Array): void {
    this.ensure(value.length);
    const bytes = this.bytes;
    let p = this.pos;
    for (let i = 0; i < value.length; i++) bytes[p++] = value[i];
    this.pos = p;
    this.validity.setValid(this.length);
    this.offsets[++this.length] = p;
  }

  /** Appends a free-text string (encoded straight into the column buffer). */
  pushString(value: string): void {
    this.ensure(value.length * 3);
    const { written } = encoder.encodeInto(value, this.bytes.subarray(this.pos));
    this.pos += written;
    this.validity.setValid(this.length);
    this.offsets[++this.length] = this.pos;
  }

  /** Appends `prefix` followed by n zero-padded to `width` ASCII digits (order and ticket ids). */
  pushId(prefix: Uint8Array, n: number, width: number): void {
    let digits = width;
    for (let v = 10 ** width; n >= v; v *= 10) digits++;
    this.ensure(prefix.length + digits);
    const bytes = this.bytes;
    let p = this.pos;
    for (let i = 0; i < prefix.length; i++) bytes[p++] = prefix[i];
    let v = n;
    for (let i = digits - 1; i >= 0; i--) {
      bytes[p + i] = 48 + (v % 10);
      v = Math.floor(v / 10);
    }
    p += digits;
    this.pos = p;
    this.validity.setValid(this.length);
    this.offsets[++this.length] = p;
  }

  /** Appends NULL. */
  pushNull(): void {
    this.ensure(0);
    this.validity.setNull(this.length, this.offsets.length);
    this.offsets[++this.length] = this.pos;
  }

  finish(): Data<Utf8> {
    return makeData({
      type: this.type,
      length: this.length,
      valueOffsets: this.offsets.subarray(0, this.length + 1),
      data: this.bytes.subarray(0, this.pos),
      ...this.validity.props(this.length),
    });
  }
}
