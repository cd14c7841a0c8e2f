import type { Connector } from '../engine/connector';
import type { QueryManager } from '../engine/queryManager';
import { scalar, toRows } from '../engine/rows';
import { ident, lit } from '../engine/sql';
import type { ColumnMapping } from './detect/detectTable';
import { SCHEMA, KIND_SQL_TYPE, CUSTOMER_ATTRIBUTES_TABLE, type CanonicalTable, type ColumnKind } from './schema';
import { dropStaging, stagingColumn, type Staging } from './staging';
import { churnFlagSql, digitOrderIdsSql, returnFlagSql } from './values/flags';
import { toSqlValue } from './values/toSql';
import { blankSql } from './values/blanks';
import { isClosedFlag, outsideFlagDomainSql } from './values/flagDomain';
import { generatedIdSql } from './generatedIds';
import type { ColumnProfile } from './values/profile';
import type { RejectedRow } from './types';
import { say, type IngestMessageKey } from './messages';
import { lastRowPerIdSql, replacedRowsSql, rowHashSql, ROW_KEY } from './rowIdentity';

/** The reason a value of each typed kind gets when it cannot be read (ids and text always can). */
const UNREADABLE: Partial<Record<ColumnKind, IngestMessageKey>> = {
  date: 'notADate',
  timestamp: 'notADate',
  number: 'notANumber',
  boolean: 'notYesNo',
};

/** SQL: the message `key` for `column` with the source text (first 60 characters) as its value. */
function reasonSql(key: IngestMessageKey, column: string, sourceCol: string): string {
  const [before, after] = say(key, { column, value: '\u0000' }).split('\u0000');
  return `${lit(before)} || left(${sourceCol}, 60) || ${lit(after)}`;
}

/**
 * Numbers larger than this in magnitude are rejected: no order, MRR or cost is a quadrillion, and
 * one 1e308 would turn every sum it enters into infinity.
 */
const MAX_ABS_NUMBER = '1e15';

export interface ConversionResult {
  rowsLoaded: number;
  rowsRejected: number;
  rejected: RejectedRow[];
  rowsReplaced: number;
  /** Rows identical to rows already loaded (they replaced them and changed nothing). */
  rowsDuplicate: number;
  duplicateIds: number;
}

/** Runs the writes into the canonical tables (the app wraps them in one transaction). */
export type CommitWrites = (write: () => Promise<ConversionResult>) => Promise<ConversionResult>;

/**
 * Converts a staging table into rows of a canonical table with the given mapping: typed
 * values, derived flags, provenance. A row whose required value is missing or whose mapped
 * value cannot be read is rejected with its line and a reason; every other row loads.
 * The staging table is dropped once its rows are converted (callers must not read it after).
 * Customers without a mapped id get `options.generatedIdPrefix` + line (generatedIds.ts).
 * The conversion itself runs before `commit`; only the writes into the canonical tables (newest
 * wins, insert, attributes) run inside it, so a transaction around them stays short and reads
 * only committed tables (DuckDB plans joins over tables created inside a transaction without
 * their statistics: measured 0.5 s -> 47 s for one screen statement).
 */
export async function convertStaging(
  qm: QueryManager,
  staging: Staging,
  table: CanonicalTable,
  mapping: ColumnMapping[],
  profiles: ColumnProfile[],
  sourceId: string,
  commit: CommitWrites = (write) => write(),
  options: { generatedIdPrefix?: string } = {},
): Promise<ConversionResult> {
  const sourceIndex = new Map(staging.headers.map((h, i) => [h, i]));
  const byTarget = new Map<string, { col: string; profile: ColumnProfile; typed: boolean }>();
  for (const m of mapping) {
    const i = sourceIndex.get(m.source);
    if (m.target && i !== undefined && !byTarget.has(m.target)) byTarget.set(m.target, { col: stagingColumn(i), profile: profiles[i], typed: staging.typed?.has(i) === true });
  }
  const spec = SCHEMA[table];
  // Two layers: the inner SELECT converts every mapped column once (`_v_<name>`); the outer SELECT
  // derives columns and the reject reason from those. Written inline, each conversion ran up to
  // four times (value, missing, unreadable, range).
  const converted = (name: string) => ident(`_v_${name}`);
  const inner: string[] = ['_line'];
  for (const col of spec) {
    const src = byTarget.get(col.name);
    if (!src) continue;
    // A typed column (the fast lane) already holds the value the conversion would give.
    const value = src.typed ? src.col : toSqlValue(src.col, col.kind, src.profile);
    inner.push(`${value} AS ${converted(col.name)}`, `${src.col}`);
  }
  const valueOf = (name: string): string | null => (byTarget.has(name) ? converted(name) : null);

  const selects: string[] = [];
  for (const col of spec) {
    let expr = valueOf(col.name);
    if (table === 'customers' && col.name === 'customer_id' && !expr && options.generatedIdPrefix) {
      expr = generatedIdSql(options.generatedIdPrefix);
    }
    if (table === 'customers' && col.name === 'churned' && !expr) {
      const status = byTarget.get('status');
      expr = status ? churnFlagSql(status.col) : null;
    }
    if (table === 'orders' && col.name === 'amount' && !expr) {
      const q = valueOf('quantity');
      const p = valueOf('unit_price');
      expr = q && p ? `(${q}) * (${p})` : null;
    }
    if (table === 'orders' && col.name === 'is_return' && !expr) {
      const idCol = byTarget.get('order_id')?.col;
      const orderId = idCol ? { expr: idCol, digitIdsExist: scalar(await qm.query(digitOrderIdsSql(idCol, staging.table), { cache: false })) === true } : null;
      expr = returnFlagSql(byTarget.get('status')?.col ?? null, valueOf('quantity'), valueOf('amount'), orderId, { typedNumbers: true });
    }
    selects.push(`${expr ?? 'NULL'}::${KIND_SQL_TYPE[col.kind]} AS ${ident(col.name)}`);
  }

  // The first failing check names the reason; required columns first. A value that converts to
  // NULL is missing when its text was blank-like and unreadable otherwise (ids and text never are).
  // The blank test sits behind `IS NULL AND`, so DuckDB runs it only on the rows that converted to
  // NULL (a CASE condition narrows its rows term by term), not on every row.
  const checks: string[] = [];
  for (const col of spec) {
    const src = byTarget.get(col.name);
    if (!src) continue;
    const value = converted(col.name);
    const typed = col.kind !== 'text' && col.kind !== 'id';
    if (col.required) checks.push(`WHEN ${value} IS NULL AND ${typed ? blankSql(src.col) : 'TRUE'} THEN ${lit(say('valueMissing', { column: col.name }))}`);
    const unreadable = UNREADABLE[col.kind];
    // A typed column's value is its source (the fast lane declines values these reasons would quote).
    const quoted = src.typed ? `CAST(${src.col} AS VARCHAR)` : src.col;
    if (unreadable) checks.push(`WHEN ${value} IS NULL AND NOT ${blankSql(src.col)} THEN ${reasonSql(unreadable, col.name, quoted)}`);
    if (col.kind === 'number') checks.push(`WHEN abs(${value}) > ${MAX_ABS_NUMBER} THEN ${reasonSql('outOfRange', col.name, quoted)}`);
  }
  const status = table === 'customers' ? byTarget.get('status') : undefined;
  if (status && isClosedFlag(status.profile)) {
    // Named by its own header: "churn "50000" is not a churn flag value" points at the column to fix.
    const header = mapping.find((m) => m.target === 'status')?.source ?? 'status';
    checks.push(`WHEN ${outsideFlagDomainSql(status.col)} THEN ${reasonSql('notAChurnFlag', header, status.col)}`);
  }
  const reason = checks.length ? `CASE ${checks.join(' ')} ELSE NULL END` : 'NULL';

  const extras = table === 'customers'
    ? staging.headers.map((h, i) => ({ h, i })).filter(({ h }) => !mapping.some((m) => m.source === h && m.target))
    : [];
  const extraSelects = extras.map(({ i }) => `${stagingColumn(i)} AS ${ident('x' + i)}`);
  for (const { i } of extras) inner.push(stagingColumn(i));

  const conv = `${staging.table}_conv`;
  const innerCols = [...new Set(inner)].join(', ');
  await qm.exec(`CREATE OR REPLACE TABLE ${conv} AS SELECT _line, ${[...selects, ...extraSelects].join(', ')}, ${reason} AS _reason
    FROM (SELECT ${innerCols} FROM ${staging.table})`);
  // Everything below reads the converted rows only. Dropping the text now means the engine never
  // holds the file three times (text, converted, canonical): at 10M orders that was the 4 GB limit.
  await dropStaging(qm, staging.table);
  try {
    const key = ROW_KEY[table];
    const cols = spec.map((c) => ident(c.name)).join(', ');
    const lastPerId = lastRowPerIdSql(table);
    const counts = toRows<{ good: number; bad: number; dupes: number; without_id: number }>(await qm.query(
      `SELECT count(*) FILTER (WHERE _reason IS NULL) AS good, count(*) FILTER (WHERE _reason IS NOT NULL) AS bad,
        ${key ? `count(*) FILTER (WHERE _reason IS NULL) - count(DISTINCT ${ident(key)}) FILTER (WHERE _reason IS NULL AND ${ident(key)} IS NOT NULL) - count(*) FILTER (WHERE _reason IS NULL AND ${ident(key)} IS NULL)` : '0'} AS dupes,
        ${key ? `count(*) FILTER (WHERE _reason IS NULL AND ${ident(key)} IS NULL)` : 'count(*)'} AS without_id
       FROM ${conv}`, { cache: false }))[0];
    const rejected = toRows<{ line: number; reason: string }>(
      await qm.query(`SELECT _line AS line, _reason AS reason FROM ${conv} WHERE _reason IS NOT NULL ORDER BY _line LIMIT 100`, { cache: false }),
    ).map((r) => ({ line: Number(r.line), reason: r.reason }));
    const extraInserts = extras.map(({ h, i }) => {
      const x = ident('x' + i);
      const numeric = profiles[i].inferred === 'number' ? toSqlValue(x, 'number', profiles[i]) : 'NULL';
      return `INSERT INTO ${CUSTOMER_ATTRIBUTES_TABLE} SELECT customer_id, ${lit(h)}, nullif(trim(${x}), ''), ${numeric}, ${lit(sourceId)}
        FROM ${conv} WHERE _reason IS NULL ${lastPerId}`;
    });
    return await commit(async () => {
      const written = await qm.exclusive((c) => writeRows(c, {
        table, conv, cols, sourceId,
        newRows: `SELECT ${cols}, _line FROM ${conv} WHERE _reason IS NULL ${lastPerId}`,
        anyWithoutId: Number(counts.without_id) > 0,
        extras: extraInserts,
      }));
      return {
        rowsLoaded: written.inserted,
        rowsRejected: Number(counts.bad),
        rejected,
        rowsReplaced: written.replaced,
        rowsDuplicate: written.duplicates,
        duplicateIds: Number(counts.dupes),
      };
    });
  } finally {
    // Best effort: after a failed write the original error is the one to report.
    await qm.exec(`DROP TABLE IF EXISTS ${conv}`).catch(() => undefined);
  }
}

/** What writing converted rows into their canonical table did. */
interface Written {
  inserted: number;
  /** Rows of earlier loads replaced by these (same id, or the same whole row without an id). */
  replaced: number;
  /** New rows identical to a row they replaced: already loaded, not counted twice. */
  duplicates: number;
}

/**
 * Replaces the rows the new rows repeat (rowIdentity.ts) and inserts the new rows (plus customer
 * attributes). Runs inside the caller's transaction (convertStaging's `commit`), so a failure
 * leaves the rows already loaded as they were.
 */
async function writeRows(
  c: Connector,
  w: { table: CanonicalTable; conv: string; cols: string; sourceId: string; newRows: string; anyWithoutId: boolean; extras: string[] },
): Promise<Written> {
  const count = async (sql: string) => Number(toRows<{ n: number }>(await c.query(sql))[0].n);
  const replacedTable = `${w.conv}_replaced`;
  let replaced = 0;
  let duplicates = 0;
  if ((await count(`SELECT count(*) AS n FROM ${w.table}`)) > 0) {
    const replacedRows = replacedRowsSql(w.table, w.newRows, w.anyWithoutId);
    await c.exec(`CREATE TEMP TABLE ${replacedTable} AS SELECT ${rowHashSql(w.table)} AS h FROM ${w.table} WHERE ${replacedRows}`);
    try {
      replaced = await count(`SELECT count(*) AS n FROM ${replacedTable}`);
      if (replaced > 0) {
        duplicates = await count(`SELECT count(*) AS n FROM (${w.newRows}) WHERE ${rowHashSql(w.table)} IN (SELECT h FROM ${replacedTable})`);
        await c.exec(`DELETE FROM ${w.table} WHERE ${replacedRows}`);
        if (w.table === 'customers') await c.exec(`DELETE FROM ${CUSTOMER_ATTRIBUTES_TABLE} WHERE customer_id IN (SELECT customer_id FROM (${w.newRows}))`);
      }
    } finally {
      await c.exec(`DROP TABLE IF EXISTS ${replacedTable}`);
    }
  }
  const result = await c.query(`INSERT INTO ${w.table} (${w.cols}, _source, _line) SELECT ${w.cols}, ${lit(w.sourceId)}, _line FROM (${w.newRows})`);
  const inserted = Number(result.getChildAt(0)?.get(0) ?? 0);
  for (const sql of w.extras) await c.exec(sql);
  return { inserted, replaced, duplicates };
}
