import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planFastLane } from '../../src/ingest/readers/fastLanePlan';
import { fileInput } from '../../src/cli/fileInput';

/**
 * The fast lane's byte scan (src/ingest/readers/fastLanePlan.ts) finds the same plan whether it
 * reads the file whole (an engine that needs the bytes) or in 16 MiB slices from disk (native
 * DuckDB reads the file in place), and a byte that refuses the lane is found in any slice.
 */
describe('the fast lane byte scan, whole and in slices', () => {
  /** About 37 MB of clean lines (three slices), with `edit` applied to the text. */
  const file = (dir: string, edit: (text: string) => string = (t) => t): string => {
    const lines = ['order_id,customer_id,order_date,amount'];
    for (let i = 1; i <= 1_200_000; i++) lines.push(`O${i},C${i % 9000},2024-01-${String((i % 28) + 1).padStart(2, '0')},${(i % 991) + 0.5}`);
    const f = path.join(dir, 'orders.csv');
    writeFileSync(f, edit(lines.join('\n') + '\n'));
    return f;
  };

  it('finds the same lines, first line end, last underscore, head and tail both ways', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-plan-'));
    try {
      // One '_' in the records, far past the first slice; no line end after the last line.
      const f = file(dir, (t) => t.replace('O1100000,', 'O_1100000,').slice(0, -1));
      const input = await fileInput(f);
      expect(input.size).toBeGreaterThan(32 * 2 ** 20);
      const whole = await planFastLane(input, Infinity, false);
      const sliced = await planFastLane(input, Infinity, true);
      expect(whole && sliced).toBeTruthy();
      expect(sliced!.bytes).toBeNull();
      expect(whole!.bytes!.length).toBe(input.size);
      expect(whole!.tail.length).toBe(65536);
      expect(sliced!.lines).toBe(1_200_001);
      for (const key of ['size', 'lines', 'firstLineEnd', 'lastUnderscore', 'newline', 'path'] as const) expect(sliced![key]).toEqual(whole![key]);
      expect(sliced!.lastUnderscore).toBeGreaterThan(32 * 2 ** 20);
      expect(Buffer.compare(sliced!.tail, whole!.tail)).toBe(0);
      expect(Buffer.compare(sliced!.head, whole!.head.subarray(0, sliced!.head.length))).toBe(0);
      expect(sliced!.head.length).toBe(16 * 2 ** 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a quote, a CR or a NUL in the last slice, and a BOM, either way', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-plan-'));
    try {
      const edits: ((t: string) => string)[] = [
        (t) => t.replace('O1199999,', '"O1199999",'),
        (t) => t.replace('O1199999,', 'O1199999\r,'),
        (t) => t.replace('O1199999,', 'O1199999\0,'),
        (t) => '\ufeff' + t,
      ];
      for (const edit of edits) {
        const input = await fileInput(file(dir, edit));
        expect(await planFastLane(input, Infinity, true)).toBeNull();
        expect(await planFastLane(input, Infinity, false)).toBeNull();
      }
      // The clean file is taken both ways (so the refusals above are the edits').
      const clean = await fileInput(file(dir));
      expect(await planFastLane(clean, Infinity, true)).not.toBeNull();
      expect(await planFastLane(clean, Infinity, false)).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
