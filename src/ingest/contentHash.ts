import type { IngestInput } from './types';

/** Bytes hashed per read: the file is never held whole for hashing. */
const HASH_SLICE_BYTES = 16 * 1024 * 1024;

/**
 * A file's identity: a 64-bit hash of its bytes (two 32-bit MurmurHash3 lanes with different
 * seeds) and its size, as 16 hex digits plus the size. Two files with the same bytes are the same
 * file whatever their names; two files with one name and different bytes are not. Pure JavaScript
 * because WebCrypto is missing outside secure contexts (a wall served over plain HTTP).
 */
export async function contentHash(input: IngestInput): Promise<string> {
  let h1 = 0x9747b28c;
  let h2 = 0x2f8a5c31;
  for (let start = 0; start < input.size; start += HASH_SLICE_BYTES) {
    const bytes = await input.read(start, Math.min(input.size, start + HASH_SLICE_BYTES));
    [h1, h2] = mixSlice(bytes, h1, h2);
  }
  const hex = (h: number) => (finalMix(h ^ input.size) >>> 0).toString(16).padStart(8, '0');
  return `${hex(h1)}${hex(h2)}-${input.size}`;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Mixes a slice into both lanes, four bytes at a time (the last 1-3 bytes one by one). */
function mixSlice(bytes: Uint8Array, a: number, b: number): [number, number] {
  const words = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) {
    const w = view.getUint32(i * 4, true);
    let k = Math.imul(rotl(Math.imul(w, 0xcc9e2d51), 15), 0x1b873593);
    a = (Math.imul(rotl(a ^ k, 13), 5) + 0xe6546b64) | 0;
    k = Math.imul(rotl(Math.imul(w, 0x85ebca6b), 17), 0xc2b2ae35);
    b = (Math.imul(rotl(b ^ k, 11), 9) + 0x38b34ae5) | 0;
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
  }
  return [a, b];
}

function finalMix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
