import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput } from '../../src/ingest/types';

/** 120 subscriptions: a start date and an end date that is blank (running) for every third row. */
function contracts(header: string): { text: string; ended: number } {
  const lines = [header];
  let ended = 0;
  for (let i = 0; i < 120; i++) {
    const start = new Date(Date.UTC(2023, 0, 1 + i * 3));
    const end = i % 3 === 0 ? '' : new Date(start.getTime() + (40 + i) * 86_400_000).toISOString().slice(0, 10);
    if (end) ended++;
    lines.push(`A${String(i).padStart(4, '0')},${i % 2 ? 'Pro' : 'Basic'},${start.toISOString().slice(0, 10)},${end},${i % 2 ? 99 : 29}`);
  }
  return { text: lines.join('\n') + '\n', ended };
}

// Issue 13: a file with two dates per id (the second blank or later) is a subscriptions file and
// keeps its end dates, whatever the columns are called.
describe('two dates per id', () => {
  for (const [what, header] of [
    ['subscription_start / subscription_end', 'account_id,plan_name,subscription_start,subscription_end,monthly_fee'],
    ['headers that name no date role', 'account_id,plan_name,from,to,monthly_fee'],
  ] as const) {
    it(`loads as subscriptions with their end dates (${what})`, async () => {
      const qm = await createTestEngine();
      const { text, ended } = contracts(header);
      const [r] = await ingestFile(qm, bytesInput('export.csv', new TextEncoder().encode(text)));
      expect(r.error).toBeNull();
      expect(r.table).toBe('subscriptions');
      const [, , start, end] = header.split(',');
      expect(r.mapping).toMatchObject({ customer_id: 'account_id', start_date: start, end_date: end });
      expect(r.rowsLoaded).toBe(120);
      const [c] = await rowsOf<{ ends: number; later: number }>(qm,
        'SELECT count(end_date)::INTEGER AS ends, count(*) FILTER (WHERE end_date > start_date)::INTEGER AS later FROM subscriptions');
      expect(c).toEqual({ ends: ended, later: ended });
      await qm.connector.close();
    }, 60_000);
  }
});
