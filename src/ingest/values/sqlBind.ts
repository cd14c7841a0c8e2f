/**
 * SQL "let": evaluates `valueSql` once per row and hands `body` a name for it.
 *
 * DuckDB does not share repeated subexpressions inside CASE branches, and the value cleaning
 * refers to its intermediate text many times; binding through a one-element list lambda
 * (`list_transform([x], lambda v: ...)[1]`) costs ~0.2 s per million rows, far less than
 * recomputing regex clean-ups. Names are prefixed cw_ so they cannot meet a column name.
 */
export function letSql(valueSql: string, name: string, body: (ref: string) => string): string {
  const ref = `cw_${name}`;
  return `list_transform([${valueSql}], lambda ${ref}: ${body(ref)})[1]`;
}
