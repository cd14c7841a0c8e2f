import { Float64, makeData, makeVector, Table, tableToIPC, Utf8, type Vector } from 'apache-arrow';
import type { QueryManager } from '../../engine/queryManager';
import { ident } from '../../engine/sql';

/** A column computed in TypeScript: numbers (NaN becomes NULL) or texts (null stays NULL). */
export type WrittenColumn = Float64Array | (string | null)[];

/** Arrow's validity bitmap (bit i set = row i not NULL, least significant bit first). */
function validity(n: number, valid: (i: number) => boolean): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (valid(i)) bitmap[i >> 3] |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}

/**
 * A vector from raw buffers (makeData). Arrow's builders (vectorFromArray) compile their null
 * check with `new Function`, which the app's Content Security Policy forbids in the browser.
 */
function vectorOf(values: WrittenColumn): Vector {
  const n = values.length;
  if (values instanceof Float64Array) {
    const { bitmap, nullCount } = validity(n, (i) => !Number.isNaN(values[i]));
    return makeVector(makeData({ type: new Float64(), length: n, nullCount, nullBitmap: bitmap, data: values }));
  }
  const encoder = new TextEncoder();
  const parts = values.map((v) => (v === null ? new Uint8Array(0) : encoder.encode(v)));
  const valueOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) valueOffsets[i + 1] = valueOffsets[i] + parts[i].length;
  const data = new Uint8Array(valueOffsets[n]);
  parts.forEach((p, i) => data.set(p, valueOffsets[i]));
  const { bitmap, nullCount } = validity(n, (i) => values[i] !== null);
  return makeVector(makeData({ type: new Utf8(), length: n, nullCount, nullBitmap: bitmap, valueOffsets, data }));
}

/**
 * (Re)creates `table` from columns computed in TypeScript (model scores), through Arrow IPC:
 * DOUBLE for number columns, VARCHAR for text ones, in the order given.
 */
export async function writeTable(qm: QueryManager, table: string, columns: Record<string, WrittenColumn>): Promise<void> {
  const vectors = Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, vectorOf(values)]));
  const ipc = tableToIPC(new Table(vectors), 'stream');
  await qm.exclusive(async (c) => {
    await c.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
    await c.insertArrowIPC(table, ipc, true);
  });
}
