import type { IngestInput } from '../types';
import { splitDelimitedLine } from './textChunks';
import { totalRowLabel } from './totalRows';

/** What the byte scan found in a file the typed fast lane can read (fastLane.ts has the rules). */
export interface FastLanePlan {
  /**
   * The whole file, for an engine that reads it from memory (DuckDB-WASM registers these bytes);
   * null when the engine reads the file where it is on disk (`path`), so no copy is held.
   */
  bytes: Uint8Array | null;
  /** The file's size in bytes. */
  size: number;
  /** The file's first bytes (all of them when `bytes` is kept): the detection sample's lines come from here. */
  head: Uint8Array;
  /** The file's last bytes (up to TAIL_BYTES): the total-row check reads them. */
  tail: Uint8Array;
  newline: '\n' | '\r\n';
  /** Physical lines of the file (a last line without line end counts). */
  lines: number;
  /** Where the first line ends (its LF, or the file's length). */
  firstLineEnd: number;
  /** Where the file's last '_' is (-1: none): one in the records keeps every number text. */
  lastUnderscore: number;
  /** The file on local disk, when it is one (IngestInput.path). */
  path?: string;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const UNDERSCORE = 95;

/** Bytes read per slice when the file is scanned where it is on disk. */
const SCAN_SLICE_BYTES = 16 * 1024 * 1024;
/** The head kept of a file scanned in slices: far more than the detection sample's lines need. */
const HEAD_BYTES = 16 * 1024 * 1024;
/** The tail kept for the total-row check. */
const TAIL_BYTES = 65536;

/** What the scan has seen so far. */
interface Scan {
  refused: boolean;
  lfs: number;
  firstLf: number;
  lastUnderscore: number;
  lastByte: number;
}

/** Scans the bytes at file offset `at`: NUL, '"' or CR refuse the file; line ends and '_' are counted. */
function scanBytes(scan: Scan, bytes: Uint8Array, at: number): void {
  // LF line ends only: DuckDB-WASM 1.32's reader returned no rows for a CRLF file with new_line '\r\n'
  // (measured), and a lone CR ends a line for the text path only.
  if (bytes.indexOf(0) >= 0 || bytes.indexOf(QUOTE) >= 0 || bytes.indexOf(CR) >= 0) {
    scan.refused = true;
    return;
  }
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (scan.firstLf < 0) scan.firstLf = at + i;
    scan.lfs++;
  }
  const u = bytes.lastIndexOf(UNDERSCORE);
  if (u >= 0) scan.lastUnderscore = at + u;
  if (bytes.length) scan.lastByte = bytes[bytes.length - 1];
}

/**
 * Checks a file's bytes for the lane (fastLane.ts, "the bytes"). Null when the lane cannot read
 * it; the text path then reads the file in chunks as before. `inPlace`: the engine reads the file
 * from its path itself (native DuckDB), so the file is scanned in slices and only its head and
 * tail are kept, with no size limit of one read; else the whole file is read and kept for the engine.
 */
export async function planFastLane(input: IngestInput, maxBytes: number, inPlace = false): Promise<FastLanePlan | null> {
  if (input.size === 0 || input.size > maxBytes) return null;
  const scan: Scan = { refused: false, lfs: 0, firstLf: -1, lastUnderscore: -1, lastByte: -1 };
  let bytes: Uint8Array | null = null;
  let head: Uint8Array;
  let tail: Uint8Array;
  if (inPlace && input.path !== undefined) {
    head = await input.read(0, Math.min(input.size, HEAD_BYTES));
    tail = await input.read(Math.max(0, input.size - TAIL_BYTES), input.size);
    for (let at = 0; at < input.size && !scan.refused; at += SCAN_SLICE_BYTES) {
      const slice = await input.read(at, Math.min(input.size, at + SCAN_SLICE_BYTES));
      if (slice.length !== Math.min(input.size, at + SCAN_SLICE_BYTES) - at) return null;
      scanBytes(scan, slice, at);
    }
  } else {
    bytes = await input.read(0, input.size);
    if (bytes.length !== input.size) return null;
    head = bytes;
    tail = bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES));
    scanBytes(scan, bytes, 0);
  }
  if (scan.refused) return null;
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return null;
  return {
    bytes, size: input.size, head, tail, newline: '\n',
    lines: scan.lfs + (scan.lastByte === LF ? 0 : 1),
    firstLineEnd: scan.firstLf < 0 ? input.size : scan.firstLf,
    lastUnderscore: scan.lastUnderscore,
    path: input.path,
  };
}

/** True when one of the last lines (the text path's last three records) reads as a total row. */
export function endsWithTotalRow(plan: FastLanePlan, delimiter: string): boolean {
  const tail = new TextDecoder().decode(plan.tail);
  const last = tail.split(/\r?\n/).filter((l) => l !== '').slice(-3);
  return last.some((l) => totalRowLabel(splitDelimitedLine(l, delimiter)) !== null);
}
