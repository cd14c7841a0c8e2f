import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import type { ColumnMapping } from '../detect/detectTable';
import { SCHEMA, type CanonicalTable } from '../schema';
import { newStagingName, stagingColumn, type Staging } from '../staging';
import type { ColumnProfile } from '../values/profile';
import { endsWithTotalRow, type FastLanePlan } from './fastLanePlan';

/**
 * The typed fast lane for clean delimited files: DuckDB's own CSV reader reads the whole file in
 * one statement, straight from its bytes, with number columns typed as DOUBLE, into a staging
 * table that convertStaging then turns into canonical rows exactly as it turns the text staging.
 * No JavaScript record scan, no re-encoding, no chunks, and numbers are not re-parsed.
 *
 * The lane is taken only where its rows are provably the text path's rows; anything else makes it
 * decline (the caller then runs the text path, which keeps today's rows, rejects and messages):
 * - the bytes: UTF-8 without BOM (DuckDB refuses invalid bytes, where the text path would replace them), no NUL, no double quote (so every line is one record and
 *   fields are split the same way by both readers), LF line ends only (no CR), a one-byte
 *   delimiter (not whitespace runs);
 * - the layout: the header on the first line (no title or `sep=` lines), and every line after it a
 *   record: the typed read must return exactly one row per remaining line (no blank lines, no
 *   rows of the wrong width, which the strict reader refuses), and no total row in the last lines;
 * - the values: text, ids and dates are read as text and converted by the same SQL as the text
 *   path (identical by construction). Numbers (dot decimals) are typed: DuckDB's CSV DOUBLE parse
 *   is its VARCHAR -> DOUBLE cast, which is the text path's own reading of every finite value
 *   without '_' (numberSql's fast branch). A file with any '_' byte keeps numbers as text (the cast
 *   reads '1_000' where the text path rejects it), and a typed value that is not finite or out of
 *   range (whose reject message quotes the source text) makes the lane decline.
 * Dates are not typed: DuckDB's typed read takes 'epoch', '24-01-02' and '01999-01-02' where the
 *   text path rejects them, and a date format reads 'epoch' as 1900-01-01.
 */


/** Why the lane declined, for the statement log and the tests' lane hook; never shown to users. */
export class FastLaneDeclined extends Error {
  constructor(reason: string) {
    super(`fast lane declined: ${reason}`);
    this.name = 'FastLaneDeclined';
  }
}

/** Staging columns the lane reads as DOUBLE: mapped to a number column, dot decimals, no '_' in the file. */
function typedColumns(plan: FastLanePlan, skip: number, staging: Staging, table: CanonicalTable, mapping: ColumnMapping[], profiles: ColumnProfile[]): Set<number> {
  const typed = new Set<number>();
  // A '_' in a header ('customer_id') is no value; one in the records keeps every number text.
  if (plan.lastUnderscore >= (skip > 0 ? plan.firstLineEnd : 0)) return typed;
  const kinds = new Map(SCHEMA[table].map((c) => [c.name, c.kind]));
  const index = new Map(staging.headers.map((h, i) => [h, i]));
  // The first mapping of a target is the one convertStaging converts; a column used twice stays text.
  const seen = new Set<string>();
  const uses = new Map<number, number>();
  for (const m of mapping) {
    const i = index.get(m.source);
    if (i === undefined) continue;
    uses.set(i, (uses.get(i) ?? 0) + 1);
    if (!m.target || seen.has(m.target)) continue;
    seen.add(m.target);
    if (kinds.get(m.target) === 'number' && !profiles[i].decimalComma) typed.add(i);
  }
  for (const i of typed) if (uses.get(i) !== 1) typed.delete(i);
  return typed;
}

/**
 * Reads the whole file typed into a new staging table shaped like the text staging (c0..cN and
 * _line, the file line) with `typed` columns DOUBLE. `sample` is the text staging of the file's
 * first lines that detection ran on; its layout (header line, delimiter, width) is the file's.
 * Throws FastLaneDeclined (after dropping what it made) where the lane cannot prove its rows equal.
 */
export async function readTypedStaging(
  qm: QueryManager,
  plan: FastLanePlan,
  sample: Staging,
  table: CanonicalTable,
  mapping: ColumnMapping[],
  profiles: ColumnProfile[],
): Promise<Staging> {
  const delimiter = sample.delimiter;
  const headerLine = sample.headerRow?.line ?? null;
  // The header (if any) is the first line; nothing was skipped or noticed in the sample.
  if (!delimiter || delimiter === 'whitespace' || delimiter.length !== 1 || (headerLine !== null && headerLine !== 1)) {
    throw new FastLaneDeclined('layout');
  }
  if (sample.rejectedCount > 0 || sample.notes.length > 0) throw new FastLaneDeclined('sample not clean');
  // One column: DuckDB may read an empty line as a row of NULL where the text path skips it.
  if (sample.headers.length < 2) throw new FastLaneDeclined('one column');
  if (endsWithTotalRow(plan, delimiter)) throw new FastLaneDeclined('total row');
  const skip = headerLine === null ? 0 : 1;
  // The first record on the line after the header: no blank line or second header row between.
  const [first] = toRows<{ line: number }>(await qm.query(`SELECT min(_line)::DOUBLE AS line FROM ${sample.table}`, { cache: false }));
  if (Number(first?.line) !== skip + 1) throw new FastLaneDeclined('first record not on the first line');
  const typed = typedColumns(plan, skip, sample, table, mapping, profiles);
  const width = sample.headers.length;
  const columns = Array.from({ length: width }, (_, i) => `${lit(stagingColumn(i))}: ${typed.has(i) ? "'DOUBLE'" : "'VARCHAR'"}`).join(', ');
  const name = newStagingName();
  const fileName = `${name}.csv`;
  const created = await qm.exclusive(async (c) => {
    // An engine that reads local files reads the file itself: no copy of its bytes (on native
    // DuckDB registerFile writes one to its temp directory). The bytes checked above are the file's.
    if (plan.bytes) await c.registerFile(fileName, plan.bytes);
    else if (plan.path !== undefined && c.registerLocalFile) await c.registerLocalFile(fileName, plan.path);
    else throw new FastLaneDeclined('no bytes to read');
    try {
      // DuckDB's parallel CSV reader (on native, every thread) hands row_number() the file's rows
      // in file order, so _line is still each row's line: at L (10M orders, 2 threads) the same
      // _line for every row as `parallel = false` (also with preserve_insertion_order off), in
      // 6.0-7.0 s instead of 9.2-10.3 s. ingest-fastlane checks it on a 1.5M-line file.
      await c.exec(`CREATE TABLE ${name} AS SELECT *, ${skip} + row_number() OVER () AS _line FROM read_csv(${lit(fileName)},
        delim = ${lit(delimiter)}, quote = '"', escape = '"', header = false, skip = ${skip}, auto_detect = false, columns = {${columns}},
        null_padding = false, strict_mode = true, new_line = ${lit(plan.newline === '\n' ? '\\n' : '\\r\\n')}, parallel = true)`);
      return true;
    } catch {
      // A value the typed read refuses, a row of the wrong width, bytes it cannot read: the text path decides.
      return false;
    } finally {
      await c.dropFile(fileName);
    }
  });
  if (!created) {
    await qm.exec(`DROP TABLE IF EXISTS ${name}`);
    throw new FastLaneDeclined('typed read failed');
  }
  try {
    const bad = [...typed].map((i) => `count(*) FILTER (WHERE NOT isfinite(${stagingColumn(i)}) OR abs(${stagingColumn(i)}) > 1e15)`);
    const [row] = toRows<{ n: number; bad: number }>(await qm.query(
      `SELECT count(*)::DOUBLE AS n, (${bad.length ? bad.join(' + ') : '0'})::DOUBLE AS bad FROM ${name}`, { cache: false }));
    if (Number(row.n) !== plan.lines - skip) throw new FastLaneDeclined('rows are not one per line');
    if (Number(row.bad) > 0) throw new FastLaneDeclined('a number the text path rejects');
    return {
      ...sample,
      table: name,
      rowsRead: Number(row.n),
      rejected: [],
      rejectedCount: 0,
      typed,
    };
  } catch (e) {
    await qm.exec(`DROP TABLE IF EXISTS ${name}`);
    throw e;
  }
}
