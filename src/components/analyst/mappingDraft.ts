import { SCHEMA, type CanonicalTable, type ColumnKind } from '../../ingest/schema';
import type { FileReport, MappingOverride } from '../../ingest/types';

/** One line of the mapping editor: a source column, a few sample values, and where it goes. */
export interface MappingRow {
  source: string;
  samples: string[];
  target: string | null;
  kind: ColumnKind | null;
  confidence: number | null;
  reason: string | null;
}

/** A canonical column the user can map to (derived columns such as `churned` are filled by the loader). */
export interface TargetOption {
  name: string;
  kind: ColumnKind;
  required: boolean;
}

/** The columns of `table` a source column can be mapped to. */
export function targetOptions(table: CanonicalTable): TargetOption[] {
  return SCHEMA[table].filter((c) => c.synonyms.length > 0).map((c) => ({ name: c.name, kind: c.kind, required: c.required === true }));
}

/** The editor's starting lines: every header of the file with the mapping the load used. */
export function mappingRows(report: FileReport): MappingRow[] {
  return report.headers.map((source, i) => {
    const m = report.columns.find((c) => c.source === source);
    const samples = report.preview.map((row) => row[i]).filter((v): v is string => v !== null && v.trim() !== '').slice(0, 3);
    return { source, samples, target: m?.target ?? null, kind: m?.target ? m.kind : null, confidence: m?.target ? m.confidence : null, reason: m?.reason ?? null };
  });
}

/** What is wrong with a draft: required columns left unmapped, and targets chosen twice. */
export function draftProblems(table: CanonicalTable, draft: Record<string, string | null>): { missing: string[]; duplicated: string[] } {
  const chosen = Object.values(draft).filter((t): t is string => t !== null);
  const missing = targetOptions(table).filter((o) => o.required && !chosen.includes(o.name)).map((o) => o.name);
  const duplicated = [...new Set(chosen.filter((t, i) => chosen.indexOf(t) !== i))];
  return { missing, duplicated };
}

/**
 * The override that turns the load's mapping into the draft: the table (when it changed or was
 * not detected) and every column, so the reload maps exactly what the editor shows.
 */
export function overrideFromDraft(table: CanonicalTable, draft: Record<string, string | null>): MappingOverride {
  return { table, columns: { ...draft } };
}

/** The draft a table change starts from: keep choices that exist in the new table, drop the rest. */
export function draftForTable(table: CanonicalTable, draft: Record<string, string | null>): Record<string, string | null> {
  const names = new Set(targetOptions(table).map((o) => o.name));
  return Object.fromEntries(Object.entries(draft).map(([s, t]) => [s, t && names.has(t) ? t : null]));
}
