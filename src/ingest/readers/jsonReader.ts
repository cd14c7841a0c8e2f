import type { QueryManager } from '../../engine/queryManager';
import { createTextDecoder, detectEncoding } from '../encoding';
import { say } from '../messages';
import { assertColumnLimit, cleanHeaders, newStagingName, rowsToStagingIPC, type StagedSheet } from '../staging';
import { NotATableError, type IngestInput, type RejectedRow } from '../types';
import { findRecordTables, flattenRecord, isJsonRecord } from './jsonRecords';
import { jsonErrorPosition, looksLineDelimited, quoteJsonNumbers } from './jsonText';

/** Records of one table with the line (NDJSON) or position (JSON array) each came from. */
interface RecordList {
  records: Record<string, unknown>[];
  lines: number[];
  rejected: RejectedRow[];
  rejectedCount: number;
}

/**
 * Reads JSON (an array of records, or an object holding lists of records, as CRM APIs return:
 * each list becomes its own table, named by its key) or NDJSON (a record per line; a bad line is
 * rejected with its line number) into staging. Numbers are kept as the text they were written
 * as, never through a double; nested objects are flattened one level as `parent.child`.
 */
export async function readJson(qm: QueryManager, input: IngestInput, ndjson: boolean): Promise<StagedSheet[]> {
  const bytes = await input.read(0, input.size);
  const { encoding } = detectEncoding(bytes.subarray(0, 65536));
  const text = createTextDecoder(encoding).decode(bytes);
  const lossless = quoteJsonNumbers(text);
  if (ndjson) return [await stageRecords(qm, input.name, null, ndjsonRecords(lossless), encoding)];
  let doc: unknown;
  try {
    doc = JSON.parse(lossless);
  } catch {
    // Not one document: NDJSON under a .json name, where a broken line costs only that line.
    if (looksLineDelimited(text)) return [await stageRecords(qm, input.name, null, ndjsonRecords(lossless), encoding)];
    const at = jsonErrorPosition(text);
    throw new NotATableError(input.name, at === null ? say('jsonInvalid') : say('jsonInvalidAt', at));
  }
  const tables = findRecordTables(doc);
  if (tables.length === 0) throw new NotATableError(input.name, say('jsonNoList'));
  const out: StagedSheet[] = [];
  for (const t of tables) out.push(await stageRecords(qm, input.name, t.name, arrayRecords(t.items), encoding));
  return out;
}

function arrayRecords(items: unknown[]): RecordList {
  const list: RecordList = { records: [], lines: [], rejected: [], rejectedCount: 0 };
  items.forEach((v, i) => {
    if (isJsonRecord(v)) {
      list.records.push(v);
      list.lines.push(i + 1);
    } else {
      list.rejectedCount++;
      if (list.rejected.length < 100) list.rejected.push({ line: i + 1, reason: say('recordNotObject') });
    }
  });
  return list;
}

function ndjsonRecords(text: string): RecordList {
  const list: RecordList = { records: [], lines: [], rejected: [], rejectedCount: 0 };
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let reason: string;
    try {
      const v: unknown = JSON.parse(line);
      if (isJsonRecord(v)) {
        list.records.push(v);
        list.lines.push(i + 1);
        return;
      }
      reason = say('jsonLineNotObject');
    } catch {
      reason = say('jsonLineInvalid');
    }
    list.rejectedCount++;
    if (list.rejected.length < 100) list.rejected.push({ line: i + 1, reason });
  });
  return list;
}

async function stageRecords(qm: QueryManager, file: string, sheet: string | null, list: RecordList, encoding: string): Promise<StagedSheet> {
  if (list.records.length === 0) {
    if (sheet !== null) return { sheet, staging: null, note: say('jsonNoRecords') };
    throw new NotATableError(file, say('jsonNoRecords'));
  }
  const flat = list.records.map(flattenRecord);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of flat) {
    for (const k of r.keys()) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  assertColumnLimit(file, keys.length);
  const rows = flat.map((r) => keys.map((k) => valueText(r.get(k))));
  const table = newStagingName();
  await qm.exclusive((c) => c.insertArrowIPC(table, rowsToStagingIPC(keys.length, rows, list.lines), true));
  return {
    sheet,
    note: null,
    staging: { table, headers: cleanHeaders(keys), rowsRead: rows.length, rejected: list.rejected, rejectedCount: list.rejectedCount, encoding, delimiter: null, notes: [] },
  };
}

function valueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
