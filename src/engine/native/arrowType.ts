import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import {
  Binary, Bool, DataType, DateDay, Decimal, Field, Float32, Float64, Int16, Int32, Int64, Int8, List, Struct,
  TimeMicrosecond, TimestampMicrosecond, TimestampMillisecond, TimestampNanosecond, TimestampSecond,
  Uint16, Uint32, Uint64, Uint8, Utf8,
} from 'apache-arrow';

/**
 * The Arrow type DuckDB-WASM 1.32 returns for a DuckDB type (measured with the Node build), so
 * toRows() and getChild(name).get(i) read a native result exactly as they read a WASM one.
 * Two mappings look odd but are WASM's own: HUGEINT (what sum(BIGINT) returns) is Decimal(38, 0)
 * and every DECIMAL is a 128-bit Arrow Decimal. Types the app never produces (ENUM, INTERVAL,
 * MAP, ARRAY, UNION, BIT, UHUGEINT, TIME WITH TIME ZONE ...) arrive as their DuckDB text (Utf8).
 */
export function arrowTypeFor(t: DuckDBType): DataType {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN: return new Bool();
    case DuckDBTypeId.TINYINT: return new Int8();
    case DuckDBTypeId.SMALLINT: return new Int16();
    case DuckDBTypeId.INTEGER: return new Int32();
    case DuckDBTypeId.BIGINT: return new Int64();
    case DuckDBTypeId.UTINYINT: return new Uint8();
    case DuckDBTypeId.USMALLINT: return new Uint16();
    case DuckDBTypeId.UINTEGER: return new Uint32();
    case DuckDBTypeId.UBIGINT: return new Uint64();
    case DuckDBTypeId.FLOAT: return new Float32();
    case DuckDBTypeId.DOUBLE: return new Float64();
    case DuckDBTypeId.HUGEINT: return new Decimal(0, 38, 128);
    case DuckDBTypeId.DECIMAL: return new Decimal(t.scale, t.width, 128);
    case DuckDBTypeId.DATE: return new DateDay();
    case DuckDBTypeId.TIMESTAMP: return new TimestampMicrosecond();
    case DuckDBTypeId.TIMESTAMP_TZ: return new TimestampMicrosecond('UTC');
    case DuckDBTypeId.TIMESTAMP_S: return new TimestampSecond();
    case DuckDBTypeId.TIMESTAMP_MS: return new TimestampMillisecond();
    case DuckDBTypeId.TIMESTAMP_NS: return new TimestampNanosecond();
    case DuckDBTypeId.TIME: return new TimeMicrosecond();
    case DuckDBTypeId.BLOB: return new Binary();
    // WASM's NULL literal column is an all-null Int32.
    case DuckDBTypeId.SQLNULL: return new Int32();
    case DuckDBTypeId.LIST: return new List(new Field('l', arrowTypeFor(t.valueType), true));
    case DuckDBTypeId.STRUCT:
      return new Struct(t.entryNames.map((name, i) => new Field(name, arrowTypeFor(t.entryTypes[i]), true)));
    default: return new Utf8();
  }
}
