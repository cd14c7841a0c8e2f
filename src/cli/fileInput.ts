import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestInput } from '../ingest/types';

/** A file on disk as an IngestInput, read in slices (large files are never read whole). */
export async function fileInput(filePath: string): Promise<IngestInput> {
  const { size } = await stat(filePath);
  return {
    name: path.basename(filePath),
    size,
    path: path.resolve(filePath),
    async read(start: number, end: number): Promise<Uint8Array> {
      const fh = await open(filePath, 'r');
      try {
        const len = Math.max(0, Math.min(end, size) - start);
        const buf = new Uint8Array(len);
        await fh.read(buf, 0, len, start);
        return buf;
      } finally {
        await fh.close();
      }
    },
  };
}
