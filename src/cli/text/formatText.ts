import type { Locale } from '../../i18n/index';
import type { AnalyzeReport } from '../buildReport';
import { cellText } from './cells';
import { titleOf, word } from './labels';
import { sectionBody } from './sections';
import { renderPairs, renderTable } from './table';

/** Keys the header and the notes print; every other key of the report is a section. */
const HEADER_KEYS = new Set(['asOf', 'files', 'tables', 'engine', 'churnRule', 'churnRuleReason', 'notes']);

/** Rejected lines shown per file (all of the first 100 are in --json). */
const REJECTED_SHOWN = 5;

/** The header: as-of date, churn rule, engine, and the files with what each loaded. */
function header(r: AnalyzeReport, lang: Locale): string[] {
  const rule = r.churnRule ? `${String(r.churnRule)}${r.churnRuleReason ? ` (${String(r.churnRuleReason)})` : ''}` : '—';
  const e = r.engine;
  const engine = e.name === 'native'
    ? `native DuckDB, ${word('threads', lang)} ${e.threads}, ${word('memoryLimit', lang)} ${e.memoryLimit}`
    : `DuckDB-WASM, ${word('memoryLimit', lang)} ${e.memoryLimit}`;
  const facts: [string, string][] = [[word('asOf', lang), r.asOf ?? '—'], [word('churnRule', lang), rule], [word('engine', lang), engine]];
  const lines = [word('title', lang), ...renderPairs(facts), '', word('files', lang)];
  const loaded = r.files.filter((f) => !f.error);
  if (loaded.length) {
    lines.push(...renderTable(
      [
        { header: word('file', lang), align: 'left' }, { header: word('table', lang), align: 'left' },
        { header: word('loaded', lang), align: 'right' }, { header: word('rejected', lang), align: 'right' },
        { header: word('encoding', lang), align: 'left' },
      ],
      loaded.map((f) => [f.sheet ? `${f.file} [${f.sheet}]` : f.file, f.table ?? '—', cellText('rows', f.rowsLoaded, lang), cellText('rows', f.rowsRejected, lang), f.encoding ?? '—']),
    ));
  }
  for (const f of r.files) {
    if (f.error) lines.push(`  ${word('error', lang)}: ${f.error}`);
    for (const x of f.rejected.slice(0, REJECTED_SHOWN)) lines.push(`  ${f.file}:${x.line}: ${x.reason}`);
    if (f.rowsRejected > REJECTED_SHOWN) lines.push(`  ${f.file}: … (--json)`);
  }
  // Rows per canonical table: the table names are the schema's, in every language.
  const tables = Object.entries(r.tables);
  if (tables.length) {
    lines.push('', titleOf('tables', lang), ...renderTable(
      [{ header: word('table', lang), align: 'left' }, { header: word('rows', lang), align: 'right' }],
      tables.map(([t, n]) => [t, cellText('rows', n, lang)]),
    ));
  }
  return lines;
}

/**
 * The analyze report as a tool's report: a header (as-of date, churn rule, engine, files), one
 * titled block per section with aligned tables and 万/亿 or K/M units by `lang`, the notes last.
 * Sections that are null are left out; the notes say why. The JSON form is the contract.
 */
export function formatText(r: AnalyzeReport, lang: Locale): string {
  const lines = header(r, lang);
  for (const key of Object.keys(r)) {
    if (HEADER_KEYS.has(key)) continue;
    const body = sectionBody(key, r[key], lang);
    if (body.length) lines.push('', titleOf(key, lang), ...body);
  }
  const notes = [...r.files.flatMap((f) => f.notes.map((n) => `${f.file}: ${n}`)), ...r.notes];
  if (notes.length) lines.push('', titleOf('notes', lang), ...notes.map((n) => `  - ${n}`));
  return lines.join('\n') + '\n';
}
