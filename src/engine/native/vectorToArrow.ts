import {
  DuckDBListVector, DuckDBStructVector, type DuckDBBlobValue, type DuckDBDateValue, type DuckDBDecimalValue,
  type DuckDBValue, type DuckDBVector,
} from '@duckdb/node-api';
import { makeData, TimeUnit, Type, type Data, type DataType, type Decimal, type List, type Struct, type Timestamp } from 'apache-arrow';

/** Positions of a DuckDB vector to copy, in order; null = 0 .. length-1. */
type Rows = Int32Array | null;

const encoder = new TextEncoder();

/** Reads item `rows[i]` (or `i`) of a DuckDB vector: the one place values leave node-api. */
function itemsOf(vector: DuckDBVector, rows: Rows, length: number): (DuckDBValue | null)[] {
  const out = new Array<DuckDBValue | null>(length);
  for (let i = 0; i < length; i++) out[i] = vector.getItem(rows ? rows[i] : i);
  return out;
}

/** Arrow's validity bitmap (LSB first) of `items`, or none when nothing is NULL. */
function validity(items: readonly unknown[]): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array((items.length + 7) >> 3);
  for (let i = 0; i < items.length; i++) {
    if (items[i] === null) nullCount++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return nullCount === 0 ? { nullCount } : { nullBitmap: bitmap, nullCount };
}

/** Values of a fixed-width column; NULL slots hold 0 (readers must check validity, as with WASM). */
function fixedWidth(type: DataType, items: readonly (DuckDBValue | null)[], read: (v: DuckDBValue) => number | bigint): Data {
  const ArrayType = type.ArrayType as new (n: number) => { [i: number]: number | bigint };
  const values = new ArrayType(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v !== null) values[i] = read(v);
  }
  return makeData({ type, length: items.length, ...validity(items), data: values } as never);
}

function bools(type: DataType, items: readonly (DuckDBValue | null)[]): Data {
  const bits = new Uint8Array((items.length + 7) >> 3);
  for (let i = 0; i < items.length; i++) if (items[i] === true) bits[i >> 3] |= 1 << (i & 7);
  return makeData({ type, length: items.length, ...validity(items), data: bits } as never);
}

/** 128-bit little-endian two's complement, the layout of Arrow's Decimal128. */
function decimals(type: Decimal, items: readonly (DuckDBValue | null)[]): Data {
  const words = new BigUint64Array(items.length * 2);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v === null) continue;
    const scaled = typeof v === 'bigint' ? v : (v as DuckDBDecimalValue).value;
    words[2 * i] = BigInt.asUintN(64, scaled);
    words[2 * i + 1] = BigInt.asUintN(64, scaled >> 64n);
  }
  return makeData({ type, length: items.length, ...validity(items), data: new Uint32Array(words.buffer) });
}

/** Utf8 or Binary: offsets plus one byte buffer, grown as needed. */
function variableWidth(type: DataType, items: readonly (DuckDBValue | null)[]): Data {
  const offsets = new Int32Array(items.length + 1);
  let bytes = new Uint8Array(Math.max(64, items.length * 16));
  let end = 0;
  const ensure = (extra: number): void => {
    if (end + extra <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, end + extra));
    grown.set(bytes.subarray(0, end));
    bytes = grown;
  };
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v !== null) {
      if (type.typeId === Type.Binary) {
        const blob = (v as DuckDBBlobValue).bytes;
        ensure(blob.length);
        bytes.set(blob, end);
        end += blob.length;
      } else {
        // Text columns, and the DuckDB text of types Arrow results never carry here (see arrowTypeFor).
        const text = typeof v === 'string' ? v : String(v);
        ensure(text.length * 3);
        end += encoder.encodeInto(text, bytes.subarray(end)).written;
      }
    }
    offsets[i + 1] = end;
  }
  return makeData({ type, length: items.length, ...validity(items), valueOffsets: offsets, data: bytes.subarray(0, end) } as never);
}

function lists(type: List, vector: DuckDBVector, rows: Rows, length: number): Data {
  const list = vector as DuckDBListVector;
  const offsets = new Int32Array(length + 1);
  const present: (true | null)[] = new Array(length);
  const childRows: number[] = [];
  for (let i = 0; i < length; i++) {
    const row = rows ? rows[i] : i;
    // getItemVector is node-api's public NULL test for a list row (it copies the row's entries; lists are small here).
    present[i] = list.getItemVector(row) === null ? null : true;
    if (present[i]) {
      const start = list.getEntryOffset(row);
      const n = list.getEntryLength(row);
      for (let k = 0; k < n; k++) childRows.push(start + k);
    }
    offsets[i + 1] = childRows.length;
  }
  const child = vectorToData(type.children[0].type, list.childVector, Int32Array.from(childRows), childRows.length);
  return makeData({ type, length, ...validity(present), valueOffsets: offsets, child });
}

function structs(type: Struct, vector: DuckDBVector, rows: Rows, length: number): Data {
  const struct = vector as DuckDBStructVector;
  const present: (true | null)[] = new Array(length);
  for (let i = 0; i < length; i++) present[i] = struct.isItemValid(rows ? rows[i] : i) ? true : null;
  const children = type.children.map((f, k) => vectorToData(f.type, struct.entryVectorAt(k), rows, length));
  return makeData({ type, length, ...validity(present), children });
}

/** Per-unit reader of DuckDB timestamp values, as the integer Arrow stores for that unit. */
function timestampReader(type: Timestamp): (v: DuckDBValue) => bigint {
  const t = (v: DuckDBValue) => v as unknown as { seconds: bigint; millis: bigint; micros: bigint; nanos: bigint };
  switch (type.unit) {
    case TimeUnit.SECOND: return (v) => t(v).seconds;
    case TimeUnit.MILLISECOND: return (v) => t(v).millis;
    case TimeUnit.NANOSECOND: return (v) => t(v).nanos;
    default: return (v) => t(v).micros;
  }
}

/**
 * Copies rows of a DuckDB vector into one Arrow Data of `type` (from arrowTypeFor). Values are
 * stored exactly as DuckDB-WASM stores them: dates as days, timestamps as integers of their
 * unit, 64-bit integers as bigint.
 */
export function vectorToData(type: DataType, vector: DuckDBVector, rows: Rows, length: number): Data {
  switch (type.typeId) {
    case Type.List: return lists(type as List, vector, rows, length);
    case Type.Struct: return structs(type as Struct, vector, rows, length);
    default: break;
  }
  const items = itemsOf(vector, rows, length);
  switch (type.typeId) {
    case Type.Bool: return bools(type, items);
    case Type.Int:
    case Type.Float: return fixedWidth(type, items, (v) => v as number | bigint);
    case Type.Decimal: return decimals(type as Decimal, items);
    case Type.Date: return fixedWidth(type, items, (v) => (v as DuckDBDateValue).days);
    case Type.Timestamp: return fixedWidth(type, items, timestampReader(type as Timestamp));
    case Type.Time: return fixedWidth(type, items, (v) => (v as unknown as { micros: bigint }).micros);
    default: return variableWidth(type, items);
  }
}
