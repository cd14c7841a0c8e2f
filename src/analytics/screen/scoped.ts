import { ident } from '../../engine/sql';

/** Name of the CTE holding the drill filter's customer ids inside a scoped query. */
export const FILTER_CTE = 'cw_screen_filter';

/** A table to shadow: its name, or [name, table whose rows stand in for it] (same columns used). */
export type Shadow = string | readonly [name: string, from: string];

/**
 * Runs a metric family's own SQL on the filtered customers only: each listed table (which must
 * have a customer_id column) is shadowed by a CTE of the same name holding just their rows, so
 * the filtered figure is computed by exactly the SQL that computes the unfiltered one. The filter
 * is evaluated once (materialized) before any shadow. `sql` must be one SELECT, optionally
 * starting with WITH. With no filter only the stand-in tables are swapped in. `schema` is the schema the
 * real tables live in (the open workspace's: QueryManager.schema), which the shadows must name to
 * reach past themselves.
 */
export function scopedSql(sql: string, filter: string | null, tables: readonly Shadow[], schema: string): string {
  const shadows = tables.map((t) => (typeof t === 'string' ? [t, t] as const : t))
    .filter(([name, from]) => filter !== null || name !== from)
    .map(([name, from]) => `${ident(name)} AS (SELECT * FROM ${ident(schema)}.${ident(from)}${filter === null ? '' : ` WHERE customer_id IN (SELECT customer_id FROM ${FILTER_CTE})`})`);
  if (shadows.length === 0) return sql;
  const ctes = [...(filter === null ? [] : [`${FILTER_CTE} AS MATERIALIZED (${filter})`]), ...shadows].join(',\n');
  const leadingWith = /^\s*WITH\s+/i.exec(sql);
  return leadingWith ? `WITH ${ctes},\n${sql.slice(leadingWith[0].length)}` : `WITH ${ctes}\n${sql}`;
}

/** SQL predicate: `column` is one of the filtered customers (TRUE without a filter). */
export function inFilterSql(column: string, filter: string | null): string {
  return filter === null ? 'TRUE' : `${column} IN (${filter})`;
}
