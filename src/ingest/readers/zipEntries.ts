/** One file inside a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read here. */
  method: number;
  compressedSize: number;
  /** What the archive declares; a zip bomb can lie, so readers count what really comes out. */
  declaredSize: number;
  /** Where the entry's data starts in the archive. */
  dataOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * Lists the entries of a zip archive (an XLSX) from its central directory, without inflating
 * anything. Null when the bytes are not a readable zip (truncated, damaged, or zip64, which no
 * workbook a browser can hold needs).
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(view);
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) return null;
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) return null;
    const dataOffset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataOffset + compressedSize > bytes.length) return null;
    entries.push({ name, method, compressedSize, declaredSize, dataOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Offset of the end-of-central-directory record (searched from the end, past a comment), or -1. */
function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let p = last; p >= 0 && p >= last - 65_535; p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) return p;
  }
  return -1;
}

/**
 * The inflated bytes of an entry as a stream (the platform's DecompressionStream, in the browser
 * and in Node), so a reader can count what comes out and stop early; nothing is held whole.
 */
export function entryStream(bytes: Uint8Array, entry: ZipEntry): ReadableStream<Uint8Array> {
  const data = bytes.slice(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const raw = new Blob([data]).stream();
  if (entry.method === 0) return raw;
  return raw.pipeThrough(new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}
