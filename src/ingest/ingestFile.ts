import type { QueryManager } from '../engine/queryManager';
import { QueryCancelledError } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { stagingColumn, dropStaging, type Staging } from './staging';
import { sniffFormat } from './sniffFormat';
import { readDelimited } from './readers/csvReader';
import { readWorkbook } from './readers/workbookReader';
import { readParquetFile } from './readers/parquetReader';
import { readJson } from './readers/jsonReader';
import { convertStaging } from './convert';
import { applyOverride } from './applyOverride';
import { detectTable, type DetectionResult } from './detect/detectTable';
import { profileColumn, type ColumnProfile } from './values/profile';
import { resolveDecimalComma } from './values/numberStyle';
import { CUSTOMER_ATTRIBUTES_TABLE } from './schema';
import { say } from './messages';
import type { FileReport, IngestInput, IngestOptions, SourceFormat } from './types';

/** Rows sampled to profile columns and detect the table. */
const PROFILE_SAMPLE_ROWS = 5000;

/**
 * Loads one file into the canonical tables: sniff the format, stage it as text, profile and
 * detect (or apply the user's override), convert, report. Returns one report per sheet.
 * A file that is not a table yields a report with `error` set; nothing already loaded is
 * touched. Cancellation (options.signal) rejects with QueryCancelledError and loads nothing.
 */
export async function ingestFile(qm: QueryManager, input: IngestInput, options: IngestOptions = {}): Promise<FileReport[]> {
  const head = await input.read(0, Math.min(input.size, 65536));
  const format = sniffFormat(head, input.name);
  const sourceKey = options.sourceKey ?? input.name;
  try {
    options.onProgress?.({ file: input.name, phase: 'reading', fraction: 0 });
    const staged = await stage(qm, input, format, options);
    const reports: FileReport[] = [];
    for (const s of staged) {
      if (!s.staging) {
        reports.push(emptyReport(input.name, sourceKey, s.sheet, format, s.note ?? say('noRows')));
        continue;
      }
      if (s.staging.rowsRead === 0 && s.staging.rejectedCount === 0) {
        await dropStaging(qm, s.staging.table);
        const where = s.sheet ? `${input.name} [${s.sheet}]` : input.name;
        reports.push(emptyReport(input.name, sourceKey, s.sheet, format, `${where}: ${say('headerOnly', { headers: s.staging.headers.slice(0, 8).join(', ') })}`));
        continue;
      }
      try {
        if (options.signal?.aborted) throw new QueryCancelledError();
        const sourceId = s.sheet ? `${sourceKey}!${s.sheet}` : sourceKey;
        reports.push(await loadStaged(qm, input.name, s.sheet, format, s.staging, { sourceKey, sourceId }, options));
      } finally {
        await dropStaging(qm, s.staging.table);
      }
    }
    options.onProgress?.({ file: input.name, phase: 'done', fraction: 1 });
    return reports;
  } catch (e) {
    if (e instanceof QueryCancelledError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    return [emptyReport(input.name, sourceKey, null, format, message.startsWith(input.name) ? message : `${input.name}: ${message}`)];
  }
}

async function stage(
  qm: QueryManager,
  input: IngestInput,
  format: SourceFormat,
  options: IngestOptions,
): Promise<{ sheet: string | null; staging: Staging | null; note: string | null }[]> {
  switch (format) {
    case 'xlsx':
    case 'xls':
      return readWorkbook(qm, input);
    case 'parquet':
      return [{ sheet: null, staging: await readParquetFile(qm, input), note: null }];
    case 'json':
    case 'ndjson':
      return readJson(qm, input, format === 'ndjson');
    default:
      return [{ sheet: null, staging: await readDelimited(qm, input, options), note: null }];
  }
}

async function loadStaged(
  qm: QueryManager,
  file: string,
  sheet: string | null,
  format: SourceFormat,
  staging: Staging,
  keys: { sourceKey: string; sourceId: string },
  options: IngestOptions,
): Promise<FileReport> {
  options.onProgress?.({ file, phase: 'detecting', fraction: 1 });
  const profiles = await profileStaging(qm, staging);
  // Own keys only: a sheet called 'constructor' must not find Object.prototype's.
  const userOverride = options.overrides && Object.hasOwn(options.overrides, sheet ?? '') ? options.overrides[sheet ?? ''] : undefined;
  const remembered = userOverride ? undefined : options.rememberedOverride?.(staging.headers);
  const override = userOverride ?? remembered ?? null;
  const detection: DetectionResult = applyOverride(
    detectTable(staging.headers, profiles, sheet ?? file),
    override ?? undefined,
    staging.headers,
    profiles,
  );
  const preview = await previewRows(qm, staging);
  const report: FileReport = {
    sourceId: keys.sourceId,
    sourceKey: keys.sourceKey,
    file,
    sheet,
    format,
    table: detection.table,
    encoding: staging.encoding,
    delimiter: staging.delimiter,
    preset: detection.preset,
    confidence: detection.confidence,
    headers: staging.headers,
    rowsRead: staging.rowsRead + staging.rejectedCount,
    rowsLoaded: 0,
    rowsRejected: staging.rejectedCount,
    rejected: [...staging.rejected],
    mapping: Object.fromEntries(detection.mapping.filter((m) => m.target).map((m) => [m.target as string, m.source])),
    columns: detection.mapping,
    mappingOrigin: userOverride ? 'user' : remembered ? 'remembered' : 'detected',
    override,
    rowsReplaced: 0,
    duplicateIds: 0,
    preview,
    error: null,
    notes: [...staging.notes],
  };
  if (!detection.table) {
    report.error = `${file}${sheet ? ` [${sheet}]` : ''}: could not tell which table this is (${detection.reason}); choose one in the mapping.`;
    return report;
  }
  options.onProgress?.({ file, phase: 'converting', fraction: 1 });
  await options.beforeWrite?.(detection.table);
  if (detection.table === 'customers') await options.beforeWrite?.(CUSTOMER_ATTRIBUTES_TABLE);
  const result = await convertStaging(qm, staging, detection.table, detection.mapping, profiles, keys.sourceId);
  report.rowsLoaded = result.rowsLoaded;
  report.rowsRejected += result.rowsRejected;
  report.rejected = [...report.rejected, ...result.rejected].sort((a, b) => a.line - b.line).slice(0, 100);
  report.rowsReplaced = result.rowsReplaced;
  report.duplicateIds = result.duplicateIds;
  return report;
}

/** Profiles every staged column from a repeatable sample. */
async function profileStaging(qm: QueryManager, staging: Staging): Promise<ColumnProfile[]> {
  const cols = staging.headers.map((_, i) => stagingColumn(i));
  const sample = await qm.query(
    `SELECT ${cols.join(', ')} FROM (SELECT * FROM ${staging.table} ORDER BY _line LIMIT ${PROFILE_SAMPLE_ROWS})`,
    { cache: false },
  );
  const profiles = staging.headers.map((h, i) => {
    const vec = sample.getChild(cols[i]);
    const values: (string | null)[] = [];
    for (let r = 0; r < sample.numRows; r++) values.push((vec?.get(r) as string | null) ?? null);
    return profileColumn(h, values);
  });
  const decimalComma = resolveDecimalComma(profiles.map((p) => p.decimalComma), staging.delimiter);
  return profiles.map((p, i) => ({ ...p, decimalComma: decimalComma[i] }));
}

/** Characters of a cell the preview keeps: enough to recognise it, never megabytes. */
const PREVIEW_CELL_CHARS = 1000;

async function previewRows(qm: QueryManager, staging: Staging): Promise<(string | null)[][]> {
  const cols = staging.headers.map((_, i) => stagingColumn(i));
  const rows = toRows<Record<string, string | null>>(
    await qm.query(`SELECT ${cols.map((c) => `left(${c}, ${PREVIEW_CELL_CHARS}) AS ${c}`).join(', ')} FROM ${staging.table} ORDER BY _line LIMIT 20`, { cache: false }),
  );
  return rows.map((r) => cols.map((c) => r[c]));
}

function emptyReport(file: string, sourceKey: string, sheet: string | null, format: SourceFormat, error: string): FileReport {
  return {
    sourceId: sheet ? `${sourceKey}!${sheet}` : sourceKey,
    sourceKey,
    file,
    sheet,
    format,
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
    duplicateIds: 0,
    preview: [],
    error,
    notes: [],
  };
}
