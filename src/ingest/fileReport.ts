import type { FileReport, SourceFormat } from './types';

/** Who a report is about: the file, its load key, format and content identity. */
export interface ReportBase {
  file: string;
  sourceKey: string;
  format: SourceFormat;
  contentHash: string;
}

/** The `_source` of one table of a load: the load key, with the sheet (or JSON list) name after '!'. */
export function sourceIdOf(sourceKey: string, sheet: string | null): string {
  return sheet ? `${sourceKey}!${sheet}` : sourceKey;
}

/** The report of a file (or sheet) that loaded nothing, with the message saying why. */
export function failedReport(base: ReportBase, sheet: string | null, error: string): FileReport {
  return {
    ...base,
    sourceId: sourceIdOf(base.sourceKey, sheet),
    sheet,
    table: null,
    encoding: null,
    delimiter: null,
    preset: null,
    confidence: 0,
    headers: [],
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rejected: [],
    mapping: {},
    columns: [],
    mappingOrigin: 'detected',
    override: null,
    rowsReplaced: 0,
    rowsDuplicate: 0,
    duplicateIds: 0,
    preview: [],
    error,
    notes: [],
  };
}
