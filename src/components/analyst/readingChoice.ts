import { isKeyColumn, type Reading } from '../../ingest/certainty';
import { SCHEMA } from '../../ingest/schema';
import type { FileReport, MappingOverride } from '../../ingest/types';

/** Preview rows a reading shows. */
export const READING_PREVIEW_ROWS = 5;

/** One mapped column of a reading: the canonical column, its source header, whether it is a key. */
export interface ReadingColumn {
  column: string;
  source: string;
  key: boolean;
}

/** A reading's mapped columns, key columns first (in the order the mapping lists them). */
export function readingColumns(reading: Reading): ReadingColumn[] {
  const cols = Object.entries(reading.mapping).map(([column, source]) => ({ column, source, key: isKeyColumn(reading.table, column) }));
  return [...cols.filter((c) => c.key), ...cols.filter((c) => !c.key)];
}

/** The first rows of the file as this reading would load them: one cell per mapped column. */
export function readingRows(report: FileReport, reading: Reading): (string | null)[][] {
  const at = readingColumns(reading).map((c) => report.headers.indexOf(c.source));
  return report.preview.slice(0, READING_PREVIEW_ROWS).map((row) => at.map((i) => (i >= 0 ? row[i] ?? null : null)));
}

/**
 * The override that loads the file exactly as the reading shows it: its table and every header's
 * target (unmapped headers null), the same form the mapping editor applies and remembers.
 */
export function overrideFromReading(report: FileReport, reading: Reading): MappingOverride {
  const target = new Map(Object.entries(reading.mapping).map(([column, source]) => [source, column]));
  return { table: reading.table, columns: Object.fromEntries(report.headers.map((h) => [h, target.get(h) ?? null])) };
}

/**
 * Required columns a reading leaves unmapped: loading it as it stands would give rows without
 * them, so the card sends the analyst to the column mapping instead. A customer list needs no id
 * column (the loader then makes one per row).
 */
export function missingRequired(reading: Reading): string[] {
  return SCHEMA[reading.table]
    .filter((c) => c.required && !(reading.table === 'customers' && c.name === 'customer_id') && !Object.hasOwn(reading.mapping, c.name))
    .map((c) => c.name);
}
