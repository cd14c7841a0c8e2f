import type { QueryManager } from '../../engine/queryManager';
import { createTextDecoder, detectEncoding } from '../encoding';
import { assertColumnLimit, cleanHeaders, newStagingName, rowsToStagingIPC, type Staging } from '../staging';
import { NotATableError, type IngestInput, type RejectedRow } from '../types';

type JsonRecord = Record<string, unknown>;

/**
 * Reads JSON (an array of records, or an object holding one such array, as CRM APIs return)
 * or NDJSON (a record per line; a bad line is rejected with its line number) into staging.
 * Nested objects are flattened one level as `parent.child`.
 */
export async function readJson(qm: QueryManager, input: IngestInput, ndjson: boolean): Promise<Staging> {
  const bytes = await input.read(0, input.size);
  const { encoding } = detectEncoding(bytes.subarray(0, 65536));
  const text = createTextDecoder(encoding).decode(bytes);
  const records: JsonRecord[] = [];
  const lines: number[] = [];
  const rejected: RejectedRow[] = [];
  let rejectedCount = 0;
  if (ndjson) {
    const all = text.split('\n');
    all.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const v = JSON.parse(line);
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          records.push(v as JsonRecord);
          lines.push(i + 1);
          return;
        }
        throw new Error('the line is not a JSON object');
      } catch (e) {
        rejectedCount++;
        if (rejected.length < 100) rejected.push({ line: i + 1, reason: `not valid JSON (${(e as Error).message.slice(0, 80)})` });
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new NotATableError(input.name, `this is not valid JSON (${(e as Error).message.slice(0, 120)}).`);
    }
    const arr = findRecordArray(parsed);
    if (!arr) throw new NotATableError(input.name, 'the JSON holds no list of records.');
    arr.forEach((v, i) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        records.push(v as JsonRecord);
        lines.push(i + 1);
      } else {
        rejectedCount++;
        if (rejected.length < 100) rejected.push({ line: i + 1, reason: 'record is not an object' });
      }
    });
  }
  if (records.length === 0) throw new NotATableError(input.name, 'the JSON holds no records.');
  const flat = records.map(flatten);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of flat) {
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  assertColumnLimit(input.name, keys.length);
  const rows = flat.map((r) => keys.map((k) => valueText(r[k])));
  const table = newStagingName();
  await qm.exclusive((c) => c.insertArrowIPC(table, rowsToStagingIPC(keys.length, rows, lines), true));
  return { table, headers: cleanHeaders(keys), rowsRead: rows.length, rejected, rejectedCount, encoding, delimiter: null, notes: [] };
}

function findRecordArray(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    for (const value of Object.values(v as JsonRecord)) if (Array.isArray(value) && value.some((x) => x && typeof x === 'object')) return value;
  }
  return null;
}

function flatten(r: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  for (const [k, v] of Object.entries(r)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v as JsonRecord)) out[`${k}.${k2}`] = v2;
    else out[k] = v;
  }
  return out;
}

function valueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
