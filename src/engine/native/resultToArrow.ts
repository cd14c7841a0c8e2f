import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import { Field, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import { arrowTypeFor } from './arrowType';
import { vectorToData } from './vectorToArrow';

/**
 * A native DuckDB result as the Arrow table DuckDB-WASM would have returned: the same column
 * types (arrowTypeFor), every field nullable, and one record batch per DuckDB data chunk
 * (2,048 rows), so getChild(name).get(i), toArray() and toRows() read both hosts alike.
 * node-api has no Arrow export, so each chunk's vectors are copied column by column.
 */
export function resultToArrow(result: DuckDBMaterializedResult): Table {
  const names = result.columnNames();
  const types = result.columnTypes().map(arrowTypeFor);
  const schema = new Schema(names.map((name, i) => new Field(name, types[i], true)));
  const batches: RecordBatch[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const length = chunk.rowCount;
    const children = types.map((type, i) => vectorToData(type, chunk.getColumnVector(i), null, length));
    const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
    batches.push(new RecordBatch(schema, data));
  }
  // WASM returns one empty batch for an empty result; keep that shape.
  if (batches.length === 0) batches.push(new RecordBatch(schema, undefined));
  return new Table(schema, batches);
}
