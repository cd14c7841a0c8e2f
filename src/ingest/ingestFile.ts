import type { QueryManager } from '../engine/queryManager';
import { QueryCancelledError } from '../engine/queryManager';
import { contentHash } from './contentHash';
import { failedReport, type ReportBase } from './fileReport';
import { describeLoadError } from './loadErrors';
import { loadStaged, PROFILE_SAMPLE_ROWS } from './loadStaged';
import { say } from './messages';
import { readDelimited, SNIFF_BYTES } from './readers/csvReader';
import { FastLaneDeclined, readTypedStaging } from './readers/fastLane';
import { planFastLane, type FastLanePlan } from './readers/fastLanePlan';
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
    if (!options.ignoreSizeLimits) assertSizeLimits(input.name, input.size, format, options.csvMaxBytes);
    base.contentHash ||= await contentHash(input);
    const fast = format === 'csv' ? await fastLane(qm, input, base, options) : null;
    if (fast) {
      options.onProgress?.({ file: input.name, phase: 'done', fraction: 1 });
      return [fast];
    }
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

/**
 * Largest file the fast lane reads whole (its bytes sit in memory once, and in DuckDB-WASM's
 * memory while it reads them), unless the host sets IngestOptions.fastLaneMaxBytes; a larger one
 * takes the text path, which reads it in chunks.
 */
export const FAST_LANE_MAX_BYTES = 512 * 1024 * 1024;

/** Data lines past the profile sample the fast lane's sample staging holds (the preview reads 20). */
const SAMPLE_SPARE_LINES = 100;

/**
 * The typed fast lane (readers/fastLane.ts): detection runs on a text staging of the file's first
 * lines (the same lines, sniffed the same way, as the text path's first rows: profile, preview and
 * header checks read no further), then the whole file is read typed. Null when the lane declines:
 * nothing was written, and the caller takes the text path.
 */
async function fastLane(qm: QueryManager, input: IngestInput, base: ReportBase, options: IngestOptions): Promise<FileReport | null> {
  const decline = (reason: string): null => {
    options.onLane?.(input.name, 'text', reason);
    return null;
  };
  if (options.fastLane === false) return decline('off');
  if (overrideFor(options.overrides, '')?.headerRow !== undefined) return decline('header row chosen');
  // An engine that reads a file on disk itself (native DuckDB) needs no copy of its bytes: they are scanned in slices.
  const inPlace = input.path !== undefined && qm.connector.registerLocalFile !== undefined;
  const plan = await planFastLane(input, options.fastLaneMaxBytes ?? FAST_LANE_MAX_BYTES, inPlace);
  if (!plan) return decline('bytes');
  const sampleEnd = sampleBytes(plan);
  if (sampleEnd === null) return decline('long lines');
  let sample;
  try {
    sample = await readDelimited(qm, prefixInput(input, plan, sampleEnd), { signal: options.signal });
  } catch (e) {
    if (e instanceof QueryCancelledError) throw e;
    return decline('sample');
  }
  let reached = false;
  try {
    if (sample.rowsRead === 0) return decline('no rows');
    // The sample is the whole file: it is the text path's staging already, and a typed read would
    // only read the file again.
    options.onProgress?.({ file: input.name, phase: 'staging', fraction: sampleEnd / input.size, rows: sample.rowsRead });
    if (sampleEnd >= plan.size && options.fastLane !== 'always') {
      options.onLane?.(input.name, 'text', 'short file');
      return await loadStaged(qm, base, null, sample, options);
    }
    const report = await loadStaged(qm, base, null, sample, options, async (table, mapping, profiles) => {
      if (options.signal?.aborted) throw new QueryCancelledError();
      const rows = await readTypedStaging(qm, plan, sample, table, mapping, profiles);
      reached = true;
      options.onProgress?.({ file: input.name, phase: 'staging', fraction: 1, rows: rows.rowsRead });
      if (options.signal?.aborted) throw new QueryCancelledError();
      return rows;
    });
    if (!reached) return decline('not loaded');
    options.onLane?.(input.name, 'typed', null);
    return report;
  } catch (e) {
    if (e instanceof FastLaneDeclined) return decline(e.message);
    throw e;
  } finally {
    await dropStaging(qm, sample.table).catch(() => undefined);
  }
}

/**
 * The file's first lines as an input of their own: at least the profile sample and the sniffed
 * head (so the layout is sniffed from the same bytes, and as an incomplete file when the file is
 * larger than the head), ending at a line end.
 */
function prefixInput(input: IngestInput, plan: FastLanePlan, size: number): IngestInput {
  const { head } = plan;
  return { name: input.name, size, read: async (s, e) => head.subarray(s, Math.min(e, size)) };
}

/**
 * Bytes of the sample: the first lines up to the end of the line where it ends. Null when those
 * lines run past the plan's head (a file scanned in slices keeps only its first 16 MiB).
 */
function sampleBytes(plan: FastLanePlan): number | null {
  const { head } = plan;
  const whole = head.length === plan.size;
  // The end of the line at or after `from`: the file's end only where the head is the whole file.
  const lineEnd = (from: number): number | null => {
    const nl = head.indexOf(10, from);
    return nl >= 0 ? nl + 1 : whole ? head.length : null;
  };
  let end = 0;
  for (let lines = 0; lines < PROFILE_SAMPLE_ROWS + SAMPLE_SPARE_LINES && end < plan.size; lines++) {
    const next = lineEnd(end);
    if (next === null) return null;
    end = next;
  }
  if (end <= SNIFF_BYTES && plan.size > SNIFF_BYTES) {
    const next = lineEnd(SNIFF_BYTES + 1);
    if (next === null) return null;
    end = next;
  }
  return Math.min(end, plan.size);
}
