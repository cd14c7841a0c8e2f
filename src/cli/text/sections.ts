import type { Locale } from '../../i18n/index';
import { cellText, isCell } from './cells';
import { columnOf } from './labels';
import { renderPairs, renderTable, type TextColumn } from './table';

/** Columns a wide section prints (the rest stay in --json); other sections print every scalar column. */
const COLUMNS: Record<string, string[]> = {
  churnByPeriod: ['period', 'start', 'churned', 'rate', 'joinedAndLost', 'valueLost', 'nrr'],
  structuralCallouts: ['message'],
  diagnosis: ['check', 'status', 'text'],
};

/** Retention is printed at these periods since the cohort's start (its full curve is in --json). */
const RETENTION_POINTS = [1, 3, 6, 12];

/** An object with more scalar keys than this prints as item/value lines rather than one wide row. */
const MAX_ROW_KEYS = 7;

type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Header of an expanded retention point. */
function pointHeader(p: number, lang: Locale): string {
  return lang === 'zh-CN' ? `第${p}期` : `P${p}`;
}

/** A list of records as a table; `retention` curves become columns at RETENTION_POINTS. */
function rowsTable(key: string, rows: Row[], lang: Locale, indent: string): string[] {
  // Number lists (retention curves) do not fit a cell; lists of words do.
  const numbers = (v: unknown) => Array.isArray(v) && v.some((x) => typeof x === 'number');
  const keys = COLUMNS[key] ?? [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => isCell(r[k]) && !numbers(r[k]))))];
  const curve = rows.some((r) => Array.isArray(r.retention));
  const points = curve ? RETENTION_POINTS.filter((p) => rows.some((r) => (r.retention as unknown[] | undefined)?.[p] !== undefined)) : [];
  const columns: TextColumn[] = [
    ...keys.map((k): TextColumn => ({ header: columnOf(k, lang), align: rows.some((r) => r[k] !== null && typeof r[k] !== 'number') ? 'left' : 'right' })),
    ...points.map((p): TextColumn => ({ header: pointHeader(p, lang), align: 'right' })),
  ];
  const cells = rows.map((r) => [
    ...keys.map((k) => cellText(k, r[k], lang)),
    ...points.map((p) => cellText('retention', (r.retention as unknown[] | undefined)?.[p] ?? null, lang)),
  ]);
  return renderTable(columns, cells, indent);
}

/** An object: its scalars as one row (or item/value lines when many), its nested parts below, each under its key. */
function objectBlock(key: string, o: Row, lang: Locale, indent: string): string[] {
  if (Object.values(o).every((v) => v === null)) return [];
  const scalarKeys = Object.keys(o).filter((k) => isCell(o[k]));
  const lines: string[] = [];
  if (scalarKeys.length > MAX_ROW_KEYS) {
    lines.push(...renderPairs(scalarKeys.map((k) => [columnOf(k, lang), cellText(k, o[k], lang)]), indent));
  } else if (scalarKeys.length) {
    lines.push(...rowsTable(key, [Object.fromEntries(scalarKeys.map((k) => [k, o[k]]))], lang, indent));
  }
  for (const k of Object.keys(o).filter((k) => !isCell(o[k]))) {
    if (o[k] === null) continue;
    const body = sectionBody(k, o[k], lang, indent + '  ');
    if (body.length) lines.push(`${indent}${columnOf(k, lang)}:`, ...body);
  }
  return lines;
}

/**
 * The back-test: T0 and the horizon, one table of every definition's classes (customers, came
 * back, share), and the red tier's precision and recall under it.
 */
function backtestBody(b: Row, lang: Locale, indent: string): string[] {
  const definitions = Array.isArray(b.definitions) ? (b.definitions as Row[]) : [];
  const rows = definitions.flatMap((d) => (Array.isArray(d.classes) ? (d.classes as Row[]) : []).map((c) => ({ definition: d.name, ...c })));
  const lines = renderPairs(['t0', 'asOf', 'horizonDays'].map((k): [string, string] => [columnOf(k, lang), cellText(k, b[k], lang)]), indent);
  if (rows.length) lines.push(...rowsTable('backtest', rows, lang, indent));
  if (isRow(b.redTier)) lines.push(`${indent}${columnOf('redTier', lang)}:`, ...rowsTable('redTier', [b.redTier], lang, indent + '  '));
  return lines;
}

/** The lines of one report section (without its title); none for a section that is null. */
export function sectionBody(key: string, value: unknown, lang: Locale, indent = '  '): string[] {
  if (value === null || value === undefined) return [];
  if (key === 'backtest' && isRow(value)) return backtestBody(value, lang, indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}—`];
    if (value.every(isRow)) return rowsTable(key, value, lang, indent);
    return [indent + cellText(key, value, lang)];
  }
  if (isRow(value) && !isCell(value)) return objectBlock(key, value, lang, indent);
  return [indent + cellText(key, value, lang)];
}
