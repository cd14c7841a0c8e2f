import type { QueryManager } from '../engine/queryManager';
import { QueryCancelledError } from '../engine/queryManager';
import { contentHash } from './contentHash';
import { failedReport, type ReportBase } from './fileReport';
import { describeLoadError } from './loadErrors';
import { loadStaged } from './loadStaged';
import { say } from './messages';
import { readDelimited } from './readers/csvReader';
import { readJson } from './readers/jsonReader';
import { readParquetFile } from './readers/parquetReader';
import { readWorkbook } from './readers/workbookReader';
import { assertSizeLimits } from './sizeLimits';
import { overrideFor } from './applyOverride';
import { sniffFormat } from './sniffFormat';
import { dropStaging, type StagedSheet } from './staging';
import { NotATableError, type FileReport, type IngestInput, type IngestOptions, type SourceFormat } from './types';

/**
 * Loads one file into the canonical tables: sniff the format, stage it as text, profile and
 * detect (or apply the user's override), convert, report. Returns one report per sheet (or JSON
 * list). A file that is not a table yields a report with `error` set; nothing already loaded is
 * touched. Cancellation (options.signal) rejects with QueryCancelledError and loads nothing.
 */
export async function ingestFile(qm: QueryManager, input: IngestInput, options: IngestOptions = {}): Promise<FileReport[]> {
  const head = await input.read(0, Math.min(input.size, 65536));
  const format = sniffFormat(head, input.name);
  const base: ReportBase = { file: input.name, sourceKey: options.sourceKey ?? input.name, format, contentHash: options.contentHash ?? '' };
  try {
    options.onProgress?.({ file: input.name, phase: 'reading', fraction: 0 });
    if (!options.ignoreSizeLimits) assertSizeLimits(input.name, input.size, format);
    base.contentHash ||= await contentHash(input);
    const staged = await stage(qm, input, format, options);
    const reports: FileReport[] = [];
    for (const s of staged) {
      if (!s.staging) {
        reports.push(failedReport(base, s.sheet, s.note ?? say('noRows')));
        continue;
      }
      try {
        if (s.staging.rowsRead === 0 && s.staging.rejectedCount === 0) {
          const where = s.sheet ? `${input.name} [${s.sheet}]` : input.name;
          reports.push(failedReport(base, s.sheet, `${where}: ${say('headerOnly', { headers: s.staging.headers.slice(0, 8).join(', ') })}`));
          continue;
        }
        if (options.signal?.aborted) throw new QueryCancelledError();
        reports.push(await loadStaged(qm, base, s.sheet, s.staging, options));
      } finally {
        // Best effort: after a failed conversion the original error is the one to report.
        await dropStaging(qm, s.staging.table).catch(() => undefined);
      }
    }
    options.onProgress?.({ file: input.name, phase: 'done', fraction: 1 });
    return reports;
  } catch (e) {
    if (e instanceof QueryCancelledError) throw e;
    if (!(e instanceof NotATableError)) options.onInternalError?.(e);
    return [failedReport(base, null, describeLoadError(input.name, e))];
  }
}

async function stage(
  qm: QueryManager,
  input: IngestInput,
  format: SourceFormat,
  options: IngestOptions,
): Promise<StagedSheet[]> {
  const headerRowOf = (sheet: string): number | undefined => overrideFor(options.overrides, sheet)?.headerRow;
  switch (format) {
    case 'xlsx':
    case 'xls':
      return readWorkbook(qm, input, { ...options, headerRowOf });
    case 'parquet':
      return [{ sheet: null, staging: await readParquetFile(qm, input), note: null }];
    case 'json':
    case 'ndjson':
      return readJson(qm, input, format === 'ndjson');
    default:
      return [{ sheet: null, staging: await readDelimited(qm, input, { ...options, headerRow: headerRowOf('') }), note: null }];
  }
}
