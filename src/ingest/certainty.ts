import type { DetectionResult } from './detect/detectTable';
import { CHOSEN } from './applyOverride';
import type { ColumnMapping } from './detect/mapping';
import { say } from './messages';
import { SCHEMA, type CanonicalTable } from './schema';
import { isBlankLike } from './values/blanks';
import { readDate } from './values/dates';
import { parseNumber } from './values/numbers';

/**
 * The one confidence threshold of detection (0..1): when the table choice, the header row or a
 * key column's mapping is less sure than this, the app does not load the file as settled but
 * shows its two best readings and waits for a click, and the CLI prints a warning naming the
 * override flag that settles it. 0.5 is what a table gets when a second table fits nearly as
 * well as the first (the margin term of detectTable halves it), or when a clear winner still
 * fills only half of what a well-labelled export does.
 */
export const ASK_BELOW = 0.5;

/** How sure one decision is, with the evidence in a sentence (a loader message, see messages.ts). */
export interface Judgement {
  confidence: number;
  evidence: string;
}

/** One key column's mapping: the canonical column, the source column it was read from, how sure. */
export interface KeyJudgement extends Judgement {
  column: string;
  source: string;
}

/**
 * One way to read a file: the table, how well it fits on its own (the same scale for both
 * readings, unlike the table choice's confidence, which also weighs the margin between them),
 * and how its columns map (canonical column -> source header).
 */
export interface Reading {
  table: CanonicalTable;
  confidence: number;
  evidence: string;
  mapping: Record<string, string>;
}

/** What a load decided about a file, how sure each decision is, and whether to ask the user. */
export interface Certainty {
  table: Judgement;
  /** `line`: the header's file line or sheet row; null when the file has none or its keys are the names (JSON, Parquet). */
  headerRow: Judgement & { line: number | null };
  keys: KeyJudgement[];
  /** The best reading and the runner-up (when there is one), best first. */
  readings: Reading[];
  /** True when any decision above is below ASK_BELOW and the user has not settled the reading (chosen a table or columns). */
  ask: boolean;
}

/** The columns that decide what a table means: its required columns, ids, a customer's status, an order's amount. */
export function isKeyColumn(table: CanonicalTable, name: string): boolean {
  const col = SCHEMA[table].find((c) => c.name === name);
  if (!col) return false;
  return col.required === true || col.kind === 'id' || (table === 'customers' && name === 'status') || (table === 'orders' && name === 'amount');
}

const pct = (x: number) => Math.round(x * 100);

/**
 * How sure the header row is: the share of its cells that are distinct, non-blank names (not
 * numbers, not dates). A data row taken for a header scores low; a user's choice scores 1.
 */
export function judgeHeaderRow(headers: readonly string[], line: number | null, chosen: boolean): Judgement & { line: number | null } {
  if (chosen && line !== null) return { line, confidence: 1, evidence: say('headerChosen', { line }) };
  if (line === null) return { line, confidence: 0.7, evidence: say('headerNone') };
  const seen = new Set<string>();
  let names = 0;
  for (const h of headers) {
    const cell = h.trim();
    if (cell === '' || isBlankLike(cell) || /^column\d+$/.test(cell) || seen.has(cell)) continue;
    seen.add(cell);
    if (parseNumber(cell) === null && readDate(cell) === null) names++;
  }
  const confidence = headers.length ? Math.round((names / headers.length) * 100) / 100 : 0;
  return { line, confidence, evidence: say('headerEvidence', { line, names, cells: headers.length }) };
}

/** One mapped key column with its evidence. */
function judgeKey(m: ColumnMapping): KeyJudgement {
  const column = m.target as string;
  const key = m.reason === 'user' ? 'keyByUser' : m.reason === 'preset' ? 'keyByPreset' : m.reason === 'content' ? 'keyByContent' : 'keyByHeader';
  return { column, source: m.source, confidence: m.confidence, evidence: say(key, { source: m.source, column }) };
}

function readingOf(table: CanonicalTable, confidence: number, reason: string, mapping: ColumnMapping[]): Reading {
  return {
    table,
    confidence,
    evidence: say('tableEvidence', { reason }),
    mapping: Object.fromEntries(mapping.filter((m) => m.target).map((m) => [m.target as string, m.source])),
  };
}

/** The certainty of a load: its detection (after any override) and its header row; `settled`: the user chose the reading. */
export function judgeLoad(detection: DetectionResult, header: Judgement & { line: number | null }, settled: boolean): Certainty | null {
  const table = detection.table;
  if (!table) return null;
  const keys = detection.mapping.filter((m) => m.target && isKeyColumn(table, m.target)).map(judgeKey);
  // A table the user chose fits by decision; a detected one by its own score.
  const readings = [readingOf(table, detection.reason === CHOSEN ? 1 : detection.fit, detection.reason, detection.mapping)];
  const second = detection.second;
  if (second && second.table !== table) readings.push(readingOf(second.table, second.confidence, second.reason, second.mapping));
  const ask = !settled && (detection.confidence < ASK_BELOW || header.confidence < ASK_BELOW || keys.some((k) => k.confidence < ASK_BELOW));
  return { table: { confidence: detection.confidence, evidence: say('tableEvidence', { reason: detection.reason }) }, headerRow: header, keys, readings, ask };
}

/** What the CLI and a file's notes say about a decision below ASK_BELOW (null when all are sure enough). */
export function unsureMessage(c: Certainty, flags: { table: (t: CanonicalTable) => string; headerRow: string; map: (source: string) => string }): string | null {
  const threshold = pct(ASK_BELOW);
  if (c.table.confidence < ASK_BELOW) {
    const [first, second] = c.readings;
    return say('unsureTable', {
      confidence: pct(c.table.confidence), threshold,
      first: `${first.table} (${pct(first.confidence)}%)`,
      second: second ? `${second.table} (${pct(second.confidence)}%)` : '—',
      flag: [first, second].filter((r) => r).map((r) => flags.table(r.table)).join(' | '),
    });
  }
  if (c.headerRow.confidence < ASK_BELOW) {
    return say('unsureHeader', { line: c.headerRow.line ?? 1, confidence: pct(c.headerRow.confidence), threshold, flag: flags.headerRow });
  }
  const key = c.keys.find((k) => k.confidence < ASK_BELOW);
  if (key) return say('unsureKey', { source: key.source, column: key.column, confidence: pct(key.confidence), threshold, flag: flags.map(key.source) });
  return null;
}
