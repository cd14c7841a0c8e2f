/**
 * Builds a JSON object text in SQL from internal expressions (numbers, fixed code strings,
 * booleans, ISO dates). DuckDB-WASM has no JSON extension offline, so reason parameters are
 * concatenated here; never pass user text as a `str` field.
 */
export type JsonField =
  | { num: string; digits?: number }
  | { str: string }
  | { bool: string }
  | { date: string };

function fieldSql(f: JsonField): string {
  if ('num' in f) {
    const v = `CAST(${f.num} AS DOUBLE)`;
    const rounded = f.digits === undefined ? v : `round(${v}, ${f.digits})`;
    return `CASE WHEN ${v} IS NULL OR NOT isfinite(${v}) THEN 'null' ELSE CAST(${rounded} AS VARCHAR) END`;
  }
  if ('str' in f) return `coalesce('"' || (${f.str}) || '"', 'null')`;
  if ('bool' in f) return `CASE WHEN (${f.bool}) IS NULL THEN 'null' WHEN (${f.bool}) THEN 'true' ELSE 'false' END`;
  return `coalesce('"' || strftime(${f.date}, '%Y-%m-%d') || '"', 'null')`;
}

/** SQL VARCHAR expression holding `{"key": value, ...}`. Keys must be plain identifiers. */
export function jsonObjectSql(fields: Record<string, JsonField>): string {
  const parts = Object.entries(fields).map(([k, f], i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`jsonObjectSql: bad key ${k}`);
    return `'${i === 0 ? '{' : ','}"${k}":' || ${fieldSql(f)}`;
  });
  return parts.length === 0 ? `'{}'` : `(${parts.join(' || ')} || '}')`;
}
