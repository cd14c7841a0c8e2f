/** A list of records found in a JSON document and the key it sits under (null: the only list). */
export interface JsonTable {
  name: string | null;
  items: unknown[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isRecordList(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.some(isObject);
}

/**
 * The record lists of a parsed JSON document: a top-level array, or every array of objects under
 * the top-level keys (`{ "customers": [...], "orders": [...] }` is two tables), or, when the top
 * level has none, under the keys one level down (`{ "data": { "orders": [...] } }`).
 */
export function findRecordTables(doc: unknown): JsonTable[] {
  if (Array.isArray(doc)) return [{ name: null, items: doc }];
  if (!isObject(doc)) return [];
  let lists = Object.entries(doc).filter(([, v]) => isRecordList(v));
  if (lists.length === 0) lists = Object.values(doc).filter(isObject).flatMap((inner) => Object.entries(inner).filter(([, v]) => isRecordList(v)));
  if (lists.length === 1) return [{ name: null, items: lists[0][1] as unknown[] }];
  return lists.map(([name, items]) => ({ name, items: items as unknown[] }));
}

/**
 * One record as column -> value, nested objects flattened one level (`address.city`). A Map, not
 * an object: keys named `__proto__`, `constructor` or `toString` are data here, and a record that
 * lacks them reads as missing, not as Object.prototype's members.
 */
export function flattenRecord(record: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(record)) {
    if (isObject(v)) for (const [k2, v2] of Object.entries(v)) out.set(`${k}.${k2}`, v2);
    else out.set(k, v);
  }
  return out;
}

/** True for a JSON object (what a record must be). */
export function isJsonRecord(v: unknown): v is Record<string, unknown> {
  return isObject(v);
}
