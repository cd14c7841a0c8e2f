import type { QueryManager } from '../engine/queryManager';
import { toRows } from '../engine/rows';
import { applyOverride, overrideFor } from './applyOverride';
import { judgeHeaderRow, judgeLoad } from './certainty';
import { convertStaging, type CommitWrites, type ConversionResult } from './convert';
import { detectTable, type ColumnMapping, type DetectionResult } from './detect/detectTable';
import { sourceIdOf, type ReportBase } from './fileReport';
import { say } from './messages';
import { inOwnTransaction } from './ownTransaction';
import { CUSTOMER_ATTRIBUTES_TABLE, type CanonicalTable } from './schema';
import { generatedIdPrefix } from './generatedIds';
import { settleSecondHeader } from './headerRows';
import { stagingColumn, type Staging } from './staging';
import type { FileReport, IngestOptions } from './types';
import { resolveDecimalComma } from './values/numberStyle';
import { profileColumn, type ColumnProfile } from './values/profile';

/** Rows sampled to profile columns and detect the table. */
export const PROFILE_SAMPLE_ROWS = 5000;

/** Characters of a cell the preview keeps: enough to recognise it, never megabytes. */
const PREVIEW_CELL_CHARS = 1000;

/**
 * Turns one staged table (a file, a sheet, a JSON list) into canonical rows: profile and detect
 * (or apply the user's override), convert, and report what happened. The caller drops the staging.
 */
export async function loadStaged(
  qm: QueryManager,
  base: ReportBase,
  sheet: string | null,
  staging: Staging,
  options: IngestOptions,
  wholeFile?: WholeFile,
): Promise<FileReport> {
  const { file } = base;
  options.onProgress?.({ file, phase: 'detecting', fraction: 1 });
  const chosenHeader = staging.headerRow?.chosen === true;
  const headersBefore = staging.headers;
  const secondHeader = chosenHeader ? null : await settleSecondHeader(qm, staging);
  // The row under the header became the header (it names more columns): its line is the header's.
  const headerLine = secondHeader && staging.headers !== headersBefore ? secondHeader.line : staging.headerRow?.line ?? null;
  const profiles = await profileStaging(qm, staging);
  // Own keys only: a sheet called 'constructor' must not find Object.prototype's.
  const userOverride = overrideFor(options.overrides, sheet);
  const remembered = userOverride ? undefined : options.rememberedOverride?.(staging.headers);
  const override = userOverride ?? remembered ?? null;
  const detection: DetectionResult = applyOverride(detectTable(staging.headers, profiles, sheet ?? file), override ?? undefined, staging.headers, profiles);
  const sourceId = sourceIdOf(base.sourceKey, sheet);
  const report: FileReport = {
    ...base,
    sourceId,
    sheet,
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
    rowsDuplicate: 0,
    duplicateIds: 0,
    preview: await previewRows(qm, staging),
    error: null,
    notes: [...staging.notes],
  };
  if (secondHeader) {
    report.notes.push(say('secondHeaderRow', { line: secondHeader.line, cells: secondHeader.descriptions.join(', ') }));
    report.columnDescriptions = Object.fromEntries(staging.headers.map((h, i) => [h, secondHeader.descriptions[i] ?? '']));
  }
  const header = staging.headerRow
    ? judgeHeaderRow(staging.headers, headerLine, chosenHeader)
    : { line: null, confidence: 1, evidence: say('headerFromKeys') };
  const settledByUser = override !== null && (override.table !== undefined || override.columns !== undefined);
  report.certainty = judgeLoad(detection, header, settledByUser);
  if (options.askWhenUnsure && report.certainty?.ask) {
    report.awaitingChoice = true;
    report.notes.push(say('awaitingChoice'));
    return report;
  }
  if (!detection.table) {
    report.error = `${file}${sheet ? ` [${sheet}]` : ''}: ${say('unknownTable', { reason: detection.reason })}`;
    return report;
  }
  // The fast lane: `staging` was the file's first lines; the rows to convert are the whole file's.
  const rows = wholeFile ? await wholeFile(detection.table, detection.mapping, profiles) : staging;
  if (rows !== staging) report.rowsRead = rows.rowsRead + rows.rejectedCount;
  try {
    return await convertInto(qm, base, sheet, rows, detection, detection.table, profiles, report, options);
  } finally {
    // convertStaging drops what it converted; this is for a failure before it ran.
    if (rows !== staging) await qm.exec(`DROP TABLE IF EXISTS ${rows.table}`).catch(() => undefined);
  }
}

/**
 * Reads the whole file's rows for the fast lane once detection has settled the table and mapping
 * (readers/fastLane.ts); throws FastLaneDeclined to leave the file to the text path.
 */
export type WholeFile = (table: CanonicalTable, mapping: ColumnMapping[], profiles: ColumnProfile[]) => Promise<Staging>;

async function convertInto(
  qm: QueryManager,
  base: ReportBase,
  sheet: string | null,
  staging: Staging,
  detection: DetectionResult,
  table: CanonicalTable,
  profiles: ColumnProfile[],
  report: FileReport,
  options: IngestOptions,
): Promise<FileReport> {
  const { file } = base;
  const sourceId = report.sourceId;
  options.onProgress?.({ file, phase: 'converting', fraction: 1 });
  await options.beforeWrite?.(table);
  if (table === 'customers') await options.beforeWrite?.(CUSTOMER_ATTRIBUTES_TABLE);
  const finish = (result: ConversionResult): ConversionResult => {
    report.rowsLoaded = result.rowsLoaded;
    report.rowsRejected += result.rowsRejected;
    report.rejected = [...report.rejected, ...result.rejected].sort((a, b) => a.line - b.line).slice(0, 100);
    report.rowsReplaced = result.rowsReplaced;
    report.rowsDuplicate = result.rowsDuplicate;
    report.duplicateIds = result.duplicateIds;
    return result;
  };
  const appCommit = options.commit;
  const commit: CommitWrites = appCommit
    ? async (write) => {
      let result: ConversionResult | null = null;
      await appCommit(async () => {
        result = finish(await write());
      }, () => report);
      return result!;
    }
    : (write) => inOwnTransaction(qm, async () => finish(await write()));
  const idPrefix = table === 'customers' && !detection.mapping.some((m) => m.target === 'customer_id')
    ? generatedIdPrefix(base.contentHash, sheet) : undefined;
  if (idPrefix) report.notes.push(say('generatedIds', { example: `${idPrefix}${await firstLine(qm, staging)}` }));
  await convertStaging(qm, staging, table, detection.mapping, profiles, sourceId, commit, { generatedIdPrefix: idPrefix });
  return report;
}

/** Profiles every staged column from a repeatable sample; the decimal mark is settled per file. */
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

/** The file line of the first staged row (the example a generated-id note shows). */
async function firstLine(qm: QueryManager, staging: Staging): Promise<number> {
  const [row] = toRows<{ line: number }>(await qm.query(`SELECT min(_line) AS line FROM ${staging.table}`, { cache: false }));
  return Number(row?.line ?? 1);
}

async function previewRows(qm: QueryManager, staging: Staging): Promise<(string | null)[][]> {
  const cols = staging.headers.map((_, i) => stagingColumn(i));
  const rows = toRows<Record<string, string | null>>(
    await qm.query(`SELECT ${cols.map((c) => `left(${c}, ${PREVIEW_CELL_CHARS}) AS ${c}`).join(', ')} FROM ${staging.table} ORDER BY _line LIMIT 20`, { cache: false }),
  );
  return rows.map((r) => cols.map((c) => r[c]));
}
