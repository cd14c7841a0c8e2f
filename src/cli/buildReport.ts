import type { WorkspaceReport } from '../analytics/report';
import type { FileReport } from '../ingest/types';
import type { Certainty } from '../ingest/certainty';
import type { EngineInfo } from './startEngine';
import type { LabelSummary } from '../analytics/status/labelSummary';
import { unlabeledNote } from './labelNote';

/** One file's entry in the report (cli-contract.md `files`). */
export interface ReportFile {
  file: string;
  table: string | null;
  sheet: string | null;
  encoding: string | null;
  rowsLoaded: number;
  rowsRejected: number;
  rejected: { line: number; reason: string }[];
  rowsReplaced: number;
  rowsDuplicate: number;
  mapping: Record<string, string>;
  notes: string[];
  error: string | null;
  /** How sure the table, header row and key mappings are, with evidence and the two best readings (null: nothing was read). */
  certainty: Certainty | null;
}

/** The analyze report: the contract's keys, the analytics sections, the engine that ran. */
export interface AnalyzeReport {
  asOf: string | null;
  files: ReportFile[];
  tables: Record<string, number>;
  engine: EngineInfo;
  notes: string[];
  [section: string]: unknown;
}

const withNote = (note: string | null): string[] => (note ? [note] : []);

/** Assembles the report printed by `npm run analyze` (JSON as is, text through formatText). */
export function buildReport(
  asOf: string | null,
  files: FileReport[],
  tables: Record<string, number>,
  analytics: WorkspaceReport | null,
  engine: EngineInfo,
): AnalyzeReport {
  return {
    asOf: analytics?.asOf ?? asOf,
    files: files.map((r) => ({
      file: r.file,
      table: r.table ?? null,
      sheet: r.sheet ?? null,
      encoding: r.encoding ?? null,
      rowsLoaded: r.rowsLoaded ?? 0,
      rowsRejected: r.rowsRejected ?? 0,
      rejected: r.rejected ?? [],
      rowsReplaced: r.rowsReplaced ?? 0,
      rowsDuplicate: r.rowsDuplicate ?? 0,
      mapping: r.mapping ?? {},
      notes: r.notes ?? [],
      error: r.error ?? null,
      certainty: r.certainty ?? null,
    })),
    tables,
    ...(analytics ? analytics.sections : {}),
    engine,
    notes: analytics ? [...withNote(unlabeledNote(analytics.sections.churnLabels as LabelSummary | undefined)), ...analytics.notes] : ['no file loaded'],
  };
}
