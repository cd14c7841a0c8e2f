/** A short human-readable rendering of the analyze report (the JSON form is the contract). */
export function formatText(report: Record<string, unknown>): string {
  const lines: string[] = [];
  lines.push(`ChurnWatch analysis as of ${String(report.asOf ?? 'n/a')}`);
  for (const f of (report.files as { file: string; table: string | null; sheet: string | null; rowsLoaded: number; rowsRejected: number; error: string | null }[]) ?? []) {
    const where = f.sheet ? `${f.file} [${f.sheet}]` : f.file;
    lines.push(f.error ? `  ${where}: ERROR ${f.error}` : `  ${where}: ${f.table} ${f.rowsLoaded} rows loaded, ${f.rowsRejected} rejected`);
  }
  lines.push(`tables: ${JSON.stringify(report.tables)}`);
  const c = report.customers as Record<string, unknown> | undefined;
  if (c) lines.push(`customers: ${c.total} total, ${c.active} active, ${c.silent} silent, ${c.churned} churned, ${c.new} new (rule: ${c.churnRule})`);
  for (const key of Object.keys(report)) {
    if (['asOf', 'files', 'tables', 'customers', 'notes'].includes(key)) continue;
    lines.push(`${key}: ${JSON.stringify(report[key]).slice(0, 300)}`);
  }
  for (const n of (report.notes as string[]) ?? []) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}
