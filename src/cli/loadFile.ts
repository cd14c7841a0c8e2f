import type { QueryManager } from '../engine/queryManager';
import { contentHash } from '../ingest/contentHash';
import { ingestFile } from '../ingest/ingestFile';
import { say } from '../ingest/messages';
import type { FileReport, MappingOverride } from '../ingest/types';
import { fileInput } from './fileInput';
import { StepFailure } from './stepFailure';
import { ALL_TABLES } from '../ingest/applyOverride';

/** Options of loadFile. */
export interface LoadFileOptions {
  /**
   * Engine errors that must stop the whole run rather than only this file (the native engine
   * running out of memory: the user set a limit and expects to hear which step broke it).
   */
  fatal?: (e: unknown) => boolean;
  /** The user's reading of this file (`--table`, `--header-row`, `--map`), for every table in it. */
  override?: MappingOverride;
  /** Largest file the typed fast lane reads (engineLimits.ts; the ingest default when omitted). */
  fastLaneMaxBytes?: number;
  /** Largest delimited file accepted (engineLimits.ts; the browser's limit when omitted). */
  csvMaxBytes?: number;
}

/**
 * Loads one file named on the command line. Its load key is its name plus its content hash, so
 * two files called customers.csv in different folders stay two sources, and the same bytes given
 * twice are one file: the second load replaces the first one's rows and says so (`seen` maps a
 * content hash to the first path that had it). An unexpected error's raw text goes to stderr; a
 * fatal one is thrown as a StepFailure naming the file.
 */
export async function loadFile(qm: QueryManager, filePath: string, seen: Map<string, string>, options: LoadFileOptions = {}): Promise<FileReport[]> {
  let input;
  try {
    input = await fileInput(filePath);
  } catch {
    return [{ file: filePath, error: `${filePath}: ${say('fileUnreadable')}` } as FileReport];
  }
  const hash = await contentHash(input);
  let fatal: unknown = null;
  const reports = await ingestFile(qm, input, {
    sourceKey: `${input.name}@${hash}`,
    contentHash: hash,
    overrides: options.override ? { [ALL_TABLES]: options.override } : undefined,
    fastLaneMaxBytes: options.fastLaneMaxBytes,
    csvMaxBytes: options.csvMaxBytes,
    onInternalError: (e) => {
      if (options.fatal?.(e)) fatal ??= e;
      else process.stderr.write(`analyze: ${filePath}: ${(e as Error).stack ?? e}\n`);
    },
  });
  if (fatal !== null) throw new StepFailure(`loading ${filePath}`, fatal);
  const first = seen.get(hash);
  if (first === undefined) seen.set(hash, filePath);
  else for (const r of reports) r.notes.push(say('sameContentAs', { file: first }));
  return reports;
}
