import { describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { loadSharedFile } from '../helpers/loadShared';
import { prepareAnalytics } from '../../src/analytics/prepare';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { computeBacktest, type BacktestClass } from '../../src/analytics/backtest/computeBacktest';
import { buildRiskTables } from '../../src/analytics/risk/computeRisk';
import { bgnbdPAlive, fitBgNbd, type BgNbdData } from '../../src/analytics/models/bgnbd';
import { fitParetoNbd, paretoNbdPAlive } from '../../src/analytics/models/paretoNbd';
import { pickBacktestDefinition } from '../../src/analytics/backtest/pickDefinition';
import type { QueryManager } from '../../src/engine/queryManager';

const AS_OF = '1997-09-30';
// CDNOW_sample runs from 1997-01-01: a span of 272 days, so H = 272 / 2 = 136 (< 180) and T0 = 1997-05-17.
const T0 = '1997-05-17';

/** Purchase days of the raw orders (returns excluded), and who bought again in (T0, as-of]. */
const RAW = `p AS (SELECT DISTINCT customer_id, CAST(order_date AS DATE) AS d FROM orders WHERE NOT coalesce(is_return, false)),
  upto AS (SELECT * FROM p WHERE d <= DATE '${T0}'),
  back AS (SELECT DISTINCT customer_id FROM p WHERE d > DATE '${T0}' AND d <= DATE '${AS_OF}')`;

/** The rule windows at T0 counted by hand: W1 = max(30, 2 x median gap), W2 = 180, new = first purchase in the month before T0. */
const RULE_SQL = `WITH ${RAW},
  gaps AS (SELECT customer_id, d - lag(d) OVER (PARTITION BY customer_id ORDER BY d) AS g FROM upto),
  med AS (SELECT customer_id, median(g) AS m FROM gaps WHERE g IS NOT NULL GROUP BY customer_id),
  c AS (SELECT customer_id, min(d) AS first_d, max(d) AS last_d FROM upto GROUP BY customer_id),
  cls AS (
    SELECT c.customer_id, first_d,
      CASE WHEN DATE '${T0}' - last_d > 180 THEN 'churned'
           WHEN DATE '${T0}' - last_d > greatest(30, coalesce(2 * m, 0)) THEN 'silent' ELSE 'active' END AS st
    FROM c LEFT JOIN med USING (customer_id)
  )
SELECT CASE WHEN st <> 'churned' AND first_d > DATE '${T0}' - INTERVAL 1 MONTH THEN 'new' ELSE st END AS status,
  count(*)::INTEGER AS customers, count(b.customer_id)::INTEGER AS "cameBack"
FROM cls LEFT JOIN back b USING (customer_id) GROUP BY 1`;

/** (x, t_x, T) in weeks at T0 from the raw rows, grouped by history, with how many of each came back. */
const HISTORIES_SQL = `WITH ${RAW},
  h AS (
    SELECT customer_id, CAST(count(*) - 1 AS DOUBLE) AS x, CAST((max(d) - min(d)) / 7.0 AS DOUBLE) AS tx,
      CAST((DATE '${T0}' - min(d)) / 7.0 AS DOUBLE) AS "T"
    FROM upto GROUP BY customer_id
  )
SELECT x, tx, "T", count(*)::DOUBLE AS n, count(b.customer_id)::DOUBLE AS k
FROM h LEFT JOIN back b USING (customer_id) GROUP BY x, tx, "T" ORDER BY x, tx, "T"`;

type Tally = Record<string, { customers: number; cameBack: number }>;

/** Classes by P(alive) (>= 0.7 active, < 0.3 churned, silent between) summed over the histories. */
function byPAlive(h: { x: number; tx: number; T: number; n: number; k: number }[], pAlive: (x: number, tx: number, T: number) => number): Tally {
  const out: Tally = {};
  for (const r of h) {
    const p = pAlive(r.x, r.tx, r.T);
    const st = p >= 0.7 ? 'active' : p < 0.3 ? 'churned' : 'silent';
    out[st] ??= { customers: 0, cameBack: 0 };
    out[st].customers += r.n;
    out[st].cameBack += r.k;
  }
  return out;
}

const tallyOf = (classes: BacktestClass[]): Tally => Object.fromEntries(classes.map((c) => [c.status, { customers: c.customers, cameBack: c.cameBack }]));

/** A fingerprint of the screen's tables, to prove the back-test leaves them alone. */
async function screenTables(qm: QueryManager): Promise<unknown[]> {
  return rowsOf(qm, `SELECT
    (SELECT count(*)::INTEGER || ':' || sum(hash(customer_id, last_order_date, bg_T))::VARCHAR FROM cw_customer_facts) AS facts,
    (SELECT count(*)::INTEGER || ':' || sum(hash(customer_id, status, p_alive))::VARCHAR FROM cw_customer_status) AS status,
    (SELECT count(*)::INTEGER || ':' || sum(hash(customer_id, value))::VARCHAR FROM cw_customer_value) AS value,
    (SELECT count(*)::INTEGER || ':' || sum(hash(customer_id, score, tier))::VARCHAR FROM cw_customer_risk) AS risk`);
}

describe('back-test of the status definitions', () => {
  it('on CDNOW_sample as of 1997-09-30 gives per-class return shares equal to a plain count over the raw rows', async () => {
    const qm = await createTestEngine();
    await loadSharedFile(qm, 'cdnow/CDNOW_sample.txt');
    const prepared = await prepareAnalytics(qm, { ...DEFAULT_SETTINGS, asOf: AS_OF });
    await buildRiskTables(qm, prepared.settings);
    const before = await screenTables(qm);

    const { value: bt, notes } = await computeBacktest(qm, prepared.settings, prepared.churnRule, prepared.valueBasis);
    expect(notes).toEqual([]);
    expect(bt).not.toBeNull();
    expect([bt!.t0, bt!.asOf, bt!.horizonDays]).toEqual([T0, AS_OF, 136]);
    expect(bt!.definitions.map((d) => d.name)).toEqual(['rule', 'bgnbd', 'paretoNbd']);
    const def = (name: string) => bt!.definitions.find((d) => d.name === name)!;
    for (const d of bt!.definitions) {
      expect(d.classes.reduce((a, c) => a + c.customers, 0)).toBe(2357);
      for (const c of d.classes) expect(c.share).toBeCloseTo(c.cameBack / c.customers, 12);
    }

    // Rule windows: the whole classification and the return counts from plain SQL.
    const rule = await rowsOf<{ status: string; customers: number; cameBack: number }>(qm, RULE_SQL);
    expect(tallyOf(def('rule').classes)).toEqual(Object.fromEntries(rule.map((r) => [r.status, { customers: r.customers, cameBack: r.cameBack }])));

    // BG/NBD: the model refitted on the T0 histories of the raw rows, P(alive) against the thresholds.
    const h = await rowsOf<{ x: number; tx: number; T: number; n: number; k: number }>(qm, HISTORIES_SQL);
    const data: BgNbdData = { x: Float64Array.from(h, (r) => r.x), tx: Float64Array.from(h, (r) => r.tx), T: Float64Array.from(h, (r) => r.T), weights: Float64Array.from(h, (r) => r.n) };
    const bg = fitBgNbd(data)!;
    const bgTally = byPAlive(h, (x, tx, T) => bgnbdPAlive(bg, x, tx, T));
    expect(tallyOf(def('bgnbd').classes)).toEqual(bgTally);

    // Pareto/NBD: the same, with its bounded fit on the same raw histories (at T0 it ends in the
    // exponential-dropout limit, models/paretoNbd.ts).
    const pn = fitParetoNbd(data)!;
    expect(pn.dropout).toBe('exponential');
    const pnTally = byPAlive(h, (x, tx, T) => paretoNbdPAlive(pn, x, tx, T));
    expect(tallyOf(def('paretoNbd').classes)).toEqual(pnTally);
    // Unlike BG/NBD, its active come back more often than its churned; it is the back-test's pick.
    const share = (t: Tally, st: string) => t[st].cameBack / t[st].customers;
    expect(share(pnTally, 'active')).toBeGreaterThan(share(pnTally, 'churned'));
    expect(share(bgTally, 'active')).toBeLessThan(share(bgTally, 'churned'));
    const pick = pickBacktestDefinition(bt!);
    expect(pick.name).toBe('paretoNbd');
    expect(pick.scores.find((x) => x.name === 'paretoNbd')!.score).toBeCloseTo(share(pnTally, 'active') - share(pnTally, 'churned'), 12);
    console.log('back-test Pareto/NBD at T0', JSON.stringify(pnTally), JSON.stringify(pick));

    // The red tier: the screen's definition is BG/NBD (model mode); its population is everyone it
    // had not called churned at T0 (all buyers have a recency score), churned = did not come back.
    expect(prepared.churnRule).toBe('model');
    const red = bt!.redTier!;
    const notChurned = Object.entries(bgTally).filter(([st]) => st !== 'churned').map(([, t]) => t);
    expect(red.churned).toBe(notChurned.reduce((a, t) => a + t.customers - t.cameBack, 0));
    expect(red.flagged).toBeGreaterThan(0);
    expect(red.precision! * red.flagged).toBeCloseTo(Math.round(red.precision! * red.flagged), 9);
    expect(red.recall! * red.churned).toBeCloseTo(red.precision! * red.flagged, 9);

    // The screen's tables are as they were, and the back-test's own tables are gone.
    expect(await screenTables(qm)).toEqual(before);
    expect(await rowsOf(qm, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'cw\\_bt\\_%' ESCAPE '\\'`)).toEqual([]);
  }, 300_000);
});
