import type { CanonicalTable } from './schema';
import type { ColumnMapping } from './detect/detectTable';
import type { Certainty } from './certainty';

/** A file to load, readable in slices so several-hundred-MB files never sit in memory twice. */
export interface IngestInput {
  name: string;
  size: number;
  /** Bytes [start, end) of the file. */
  read(start: number, end: number): Promise<Uint8Array>;
  /**
   * The file's absolute path when it is a file on this machine's disk (the CLI): an engine that
   * reads local files (native DuckDB) then reads it there rather than a copy of its bytes.
   */
  path?: string;
}

/** One row that could not be loaded, with where it was and why. */
export interface RejectedRow {
  line: number;
  reason: string;
}

/** What loading one file (or one sheet of a workbook) did; the CLI's `files[]` entries. */
export interface FileReport {
  /** The file's identity: a hash of its bytes and its size (contentHash.ts), whatever its name. */
  contentHash: string;
  /** Stable key of this load, stored in every row's `_source` column. */
  sourceId: string;
  /** The load of the whole file (a workbook's sheets share it); the key its raw bytes are kept under. */
  sourceKey: string;
  file: string;
  sheet: string | null;
  format: SourceFormat;
  table: CanonicalTable | null;
  encoding: string | null;
  delimiter: string | null;
  preset: string | null;
  confidence: number;
  headers: string[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** The first 100 rejected rows. */
  rejected: RejectedRow[];
  /** canonical column -> source header. */
  mapping: Record<string, string>;
  columns: ColumnMapping[];
  /** Where the mapping came from: detection, the user's fix now, or a fix remembered for these headers. */
  mappingOrigin: 'detected' | 'user' | 'remembered';
  /** The user's choices applied to this load (kept so a reload of the file applies them again). */
  override: MappingOverride | null;
  /** Rows of earlier loads this load replaced: the same id (newest wins), or the same whole row for rows without an id. */
  rowsReplaced: number;
  /** Of the rows loaded, those identical to a row already loaded (a file loaded twice): not counted twice. */
  rowsDuplicate: number;
  duplicateIds: number;
  /** Up to 20 rows of the source as text, for the preview. */
  preview: (string | null)[][];
  /** Set when the file could not be read as a table at all. */
  error: string | null;
  /** What the loader left out or noticed on purpose: title lines, a total row, hidden sheets, formulas without values. */
  notes: string[];
  /** A second header row's cells by column header (客户编号 -> Customer ID): the columns' descriptions. */
  columnDescriptions?: Record<string, string>;
  /** How sure the table choice, header row and key mappings are, with evidence and the two best readings. */
  certainty?: Certainty | null;
  /** Held, not loaded: its reading is below ASK_BELOW and the app waits for the user to choose one. */
  awaitingChoice?: boolean;
}

export type SourceFormat = 'csv' | 'xlsx' | 'xls' | 'parquet' | 'json' | 'ndjson' | 'unknown';

export interface IngestProgress {
  file: string;
  phase: 'reading' | 'staging' | 'detecting' | 'converting' | 'done';
  /** 0..1 of the bytes read. */
  fraction: number;
  /** Rows read so far, where the reader counts them as it goes. */
  rows?: number;
}

/** User decisions that replace what detection guessed. */
export interface MappingOverride {
  table?: CanonicalTable;
  /** source header -> canonical column, or null to keep the column as an extra attribute. */
  columns?: Record<string, string | null>;
  /** The header's file line (or sheet row, as Excel numbers it), 1-based: what `--header-row` sets. */
  headerRow?: number;
}

export interface IngestOptions {
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  /** Override per sheet name (or '' for a single-table file). */
  overrides?: Record<string, MappingOverride>;
  /** Unique key prefix for `_source`; defaults to the file name. */
  sourceKey?: string;
  /** The file's contentHash when the caller has it already (else it is computed). */
  contentHash?: string;
  /** A mapping fix remembered for files with these headers (used when `overrides` has none). */
  rememberedOverride?: (headers: string[]) => MappingOverride | undefined;
  /** Called before the load first writes into a table (the undo point copies it). */
  beforeWrite?: (table: string) => Promise<void>;
  /** Skip the up-front size refusal (bench/ingest-limits.ts measures what fits this way). */
  ignoreSizeLimits?: boolean;
  /**
   * Largest delimited file accepted (default limits.ts MAX_CSV_MB: what DuckDB-WASM holds). A host
   * whose engine has no such ceiling (native DuckDB, with its memory limit and spill) sets more.
   */
  csvMaxBytes?: number;
  /**
   * Hold a table whose reading is unsure (certainty.ts, ASK_BELOW) instead of loading it: its report
   * says `awaitingChoice` and the app asks. Off for the CLI, which loads and warns.
   */
  askWhenUnsure?: boolean;
  /** Load the hidden sheets of a workbook too (skipped by default: they are often stale copies). */
  includeHiddenSheets?: boolean;
  /** Told the raw error behind an "unexpected error" report (the CLI prints it for whoever debugs). */
  onInternalError?: (e: unknown) => void;
  /**
   * Wraps the writes of each loaded sheet into the canonical tables; `report` gives the sheet's
   * finished report once they ran. The app runs them as one transaction that also records the
   * report, so a sheet's rows and its line in the files list commit together.
   */
  commit?: (write: () => Promise<void>, report: () => FileReport) => Promise<void>;
  /**
   * Let clean delimited files take the typed fast lane (readers/fastLane.ts); on by default for
   * files longer than the detection sample. Off, every file takes the text path; 'always' takes the
   * lane for short files too (tests). Either way the rows, rejects and report are the same.
   */
  fastLane?: boolean | 'always';
  /**
   * Largest file the fast lane reads whole (default FAST_LANE_MAX_BYTES in ingestFile.ts, for
   * bytes that sit in the engine's WASM memory); a host whose engine reads local files sets more.
   */
  fastLaneMaxBytes?: number;
  /** Told which lane read a delimited file, and why the fast lane declined (tests, benchmarks). */
  onLane?: (file: string, lane: 'typed' | 'text', reason: string | null) => void;
}

/** Raised for a file that is not a table at all; the message names the file. */
export class NotATableError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'NotATableError';
  }
}

/** Wraps bytes already in memory as an IngestInput (tests, CLI, fetched data URLs). */
export function bytesInput(name: string, bytes: Uint8Array): IngestInput {
  return { name, size: bytes.byteLength, read: async (s, e) => bytes.subarray(s, Math.min(e, bytes.byteLength)) };
}

/** Wraps a browser File/Blob as an IngestInput. */
export function blobInput(name: string, blob: Blob): IngestInput {
  return {
    name,
    size: blob.size,
    read: async (s, e) => new Uint8Array(await blob.slice(s, e).arrayBuffer()),
  };
}
