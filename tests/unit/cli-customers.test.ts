import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_DATA } from '../helpers/engine';
import { analyze } from '../helpers/cli';
import { createNodeEngine } from '../../src/workspace/nodeHost';
import { toRows } from '../../src/engine/rows';
import { paretoNbdPAlive } from '../../src/analytics/models/paretoNbd';
import { bgnbdPAlive } from '../../src/analytics/models/bgnbd';
import en from '../../src/i18n/messages/en';

const SAMPLE = path.join(SHARED_DATA, 'cdnow/CDNOW_sample.txt');
const AS_OF = '1997-09-30';

/** x (repeat purchase days), t_x and T in weeks per customer, counted from the raw file (metrics.md: BG/NBD inputs). */
function rawHistories(): Map<string, { x: number; tx: number; T: number }> {
  const days = new Map<string, Set<string>>();
  for (const line of readFileSync(SAMPLE, 'utf8').split('\n')) {
    const [, id, date] = line.trim().split(/\s+/);
    if (!id || !date || date > AS_OF.replaceAll('-', '')) continue;
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)!.add(date);
  }
  const dayNo = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) / 86_400_000;
  const asOf = dayNo(AS_OF.replaceAll('-', ''));
  const out = new Map<string, { x: number; tx: number; T: number }>();
  for (const [id, set] of days) {
    const sorted = [...set].map(dayNo).sort((a, b) => a - b);
    out.set(id, { x: sorted.length - 1, tx: (sorted[sorted.length - 1] - sorted[0]) / 7, T: (asOf - sorted[0]) / 7 });
  }
  return out;
}

describe('npm run analyze -- --customers FILE.csv', () => {
  it('writes one row per customer: the list export columns, value tier, RFM segment and P(alive) under BG/NBD and Pareto/NBD', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cw-customers-')), 'customers.csv');
    const r = analyze(['--json', '--as-of', AS_OF, '--customers', file, SAMPLE]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    const histories = rawHistories();
    expect(r.err).toContain(`customer list: ${histories.size} customers in ${file}`);

    const qm = await createNodeEngine();
    try {
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('\uFEFF'), 'a BOM, as the app writes for Excel').toBe(true);
      const header = text.slice(1, text.indexOf('\r\n')).split(',');
      const l = en.list;
      expect(header).toEqual([l.id, l.name, l.tier, l.status, l.score, l.reasons, l.owner, l.last, l.value, l.action, l.valueTier, l.rfmSegment, l.pAliveBgnbd, l.pAliveParetoNbd]);
      await qm.connector.registerFile('customers.csv', new TextEncoder().encode(text.slice(1)));
      const rows = toRows<Record<string, string | number | null>>(await qm.query(
        `SELECT * FROM read_csv('customers.csv', header = true, all_varchar = true)`, { cache: false }));
      // Every customer of the raw file, once.
      expect(rows.length).toBe(histories.size);
      expect(new Set(rows.map((x) => x[l.id])).size).toBe(histories.size);
      // The status column counts what the report counts.
      const count = (s: string) => rows.filter((x) => x[l.status] === s).length;
      expect({ active: count('active'), silent: count('silent'), churned: count('churned'), new: count('new') })
        .toEqual({ active: report.customers.active, silent: report.customers.silent, churned: report.customers.churned, new: report.customers.new });

      // P(alive) of every customer from its raw history and the report's fits.
      const { bgnbd, paretoNbd } = report.models;
      let oneTimeBgAlive = 0;
      let oneTimeParetoBelow = 0;
      for (const row of rows) {
        const h = histories.get(String(row[l.id]))!;
        expect(Number(row[l.pAliveParetoNbd])).toBeCloseTo(paretoNbdPAlive(paretoNbd, h.x, h.tx, h.T), 9);
        expect(Number(row[l.pAliveBgnbd])).toBeCloseTo(bgnbdPAlive(bgnbd, h.x, h.tx, h.T), 9);
        if (h.x === 0) {
          if (Number(row[l.pAliveBgnbd]) === 1) oneTimeBgAlive++;
          if (Number(row[l.pAliveParetoNbd]) < 1) oneTimeParetoBelow++;
        }
      }
      // BG/NBD keeps one-time buyers alive (issue 14); Pareto/NBD does not.
      const oneTime = [...histories.values()].filter((h) => h.x === 0).length;
      expect(oneTime).toBeGreaterThan(1000);
      expect(oneTimeBgAlive).toBe(oneTime);
      expect(oneTimeParetoBelow).toBe(oneTime);

      // Tier, score and reasons are the app's list rows (the same table the screen's list reads).
      const first = rows.find((x) => x[l.id] === '0002')!;
      expect(first[l.status]).toBe('churned');
      expect(String(first[l.reasons])).toMatch(/^no order for 260 days/);
      expect(first[l.rfmSegment]).not.toBeNull();
    } finally {
      await qm.connector.close();
    }
  }, 180_000);
});
