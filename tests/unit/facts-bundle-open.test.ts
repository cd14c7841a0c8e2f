import { afterAll, describe, expect, it } from 'vitest';
import type { QueryManager } from '../../src/engine/queryManager';
import { DEFAULT_SETTINGS, type AnalyticsSettings } from '../../src/analytics/settings';
import { pickToRecord } from '../../src/analytics/backtest/recordPick';
import { prepareScreen, type ScreenContext } from '../../src/analytics/screen/prepareScreen';
import {
  bundleHint, loadCohorts, loadCustomer360, loadCustomerList, loadKpis, loadRegions, loadRfm, loadRiskList, loadRiskTiers, loadStructural,
  loadTrend, loadTriggers, loadDiagnosis,
} from '../../src/analytics/screen';
import type { CustomerFilter, CustomerRow, KpiSet } from '../../src/analytics/screen/types';
import { createNodeEngine } from '../../src/workspace/nodeHost';
import { loadSharedFile } from '../helpers/loadShared';
import { rowsOf } from '../helpers/engine';
import { openBundle, removeTempDirs, tempDir, writeBundleOf } from '../helpers/factsBundle';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ident, lit } from '../../src/engine/sql';
import { QueryManager as QM } from '../../src/engine/queryManager';
import { createNativeConnector } from '../../src/engine/nativeConnector';
import { CANONICAL_TABLES } from '../../src/ingest/schema';
import { loadDemo } from '../../src/demo/loadDemo';
import { registerInputs, runSteps, writeJobBundle, type SparkJobParams } from '../../scale/spark/duckdbRunner';
import { createNativeEngine } from '../../src/workspace/nativeHost';
import { analyzeWorkspace } from '../../src/analytics/report';
import { writeFactsBundle } from '../../src/cli/factsOut';

afterAll(removeTempDirs);

const TODAY = '2026-01-31';
const settingsWith = (over: Partial<AnalyticsSettings>): AnalyticsSettings => ({ ...structuredClone(DEFAULT_SETTINGS), ...over });

/** The columns of a drill list a bundle carries as they are (value is CLV on raw data; the play reads the value before silence). */
const carried = (r: CustomerRow) => ({
  customer_id: r.customer_id, name: r.name, status: r.status, risk_tier: r.risk_tier, score: r.score, reasons: r.reasons,
  owner: r.owner, region: r.region, value_tier: r.value_tier, value_12m: r.value_12m, last_purchase: r.last_purchase,
});

async function list(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter) {
  const { rows, total } = await loadCustomerList(qm, ctx, filter, 'en', { sortBy: 'customer_id', desc: false, offset: 0, limit: 100_000 });
  return { total, rows: rows.map(carried) };
}

/** The KPI figures a bundle carries: everything but value churn and win-back (not in contract version 1) and the at-risk value's basis. */
const figures = (k: KpiSet) => ({ asOf: k.asOf, period: k.period, customers: k.customers, churnRate: k.churnRate, redCustomers: k.redCustomers,
  unlabeled: k.unlabeled, labelled: k.labelled });

interface Case {
  name: string;
  file: string;
  writer: 'wasm' | 'native';
  settings: AnalyticsSettings;
  /** The KPI drills to compare lists of (besides the red tier). */
  drills: (k: KpiSet) => CustomerFilter[];
}

const CASES: Case[] = [
  {
    name: 'CDNOW (bundle written by native DuckDB)', file: 'cdnow/CDNOW_master.txt', writer: 'native', settings: settingsWith({}),
    drills: (k) => [[{ dimension: 'churned_in', value: k.period }], [{ dimension: 'rfm_segment', value: 'At Risk' }, { dimension: 'status', value: 'churned' }]],
  },
  {
    name: 'Telco (bundle written by DuckDB-WASM)', file: 'telco/Telco-Customer-Churn.csv', writer: 'wasm', settings: settingsWith({ asOf: TODAY }),
    drills: () => [[{ dimension: 'status', value: 'churned' }], [{ dimension: 'value_tier', value: '高价值' }]],
  },
];

describe('a facts bundle opened in the app draws the same screen as the rows it was computed from', () => {
  for (const c of CASES) {
    it(`${c.name}: KPIs, panels, drills to the customer list and the customer 360`, async () => {
      const raw = await createNodeEngine();
      await loadSharedFile(raw, c.file);
      // As the app does: build, then rebuild with the back-test's pick when it records one (the
      // bundle's writer, the CLI, builds with the pick from the start).
      const first = await prepareScreen(raw, c.settings, { today: TODAY });
      const pick = pickToRecord(c.settings, first, first.families.backtest ?? null, 'raw');
      const rawCtx = pick ? await prepareScreen(raw, { ...c.settings, definitionPick: pick }, { today: TODAY }) : first;
      const dir = await writeBundleOf(c.writer, (qm) => loadSharedFile(qm, c.file), c.settings, TODAY);
      const { qm, ctx } = await openBundle(dir, TODAY);
      try {
        expect(ctx.bundle?.engine).toBe(c.writer);
        expect([ctx.asOf, ctx.churnRule, ctx.periodBasis, ctx.valueBasis]).toEqual([rawCtx.asOf, rawCtx.churnRule, rawCtx.periodBasis, rawCtx.valueBasis]);

        // KPIs: the same figures; the at-risk value is the red customers' 12-month value (no CLV in a bundle).
        const [rk, bk] = [(await loadKpis(raw, rawCtx, [], 'en'))!, (await loadKpis(qm, ctx, [], 'en'))!];
        expect(figures(bk)).toEqual(figures(rk));
        expect(bk.atRiskBasis).toBe('value_12m');
        const [{ v }] = await rowsOf<{ v: number }>(raw, `SELECT CAST(coalesce(sum(value_12m), 0) AS DOUBLE) AS v FROM cw_screen_customers WHERE warning_tier = 'red'`);
        expect(bk.atRiskValue!.value!).toBeCloseTo(v, 6);
        if (!rawCtx.presence.clv) expect(bk.atRiskValue!.value!).toBeCloseTo(rk.atRiskValue!.value!, 6);
        expect(bk.revenueChurn).toBeNull();
        console.info(`${c.name}: customers ${bk.customers.value}, churn ${bk.churnRate?.value ?? bk.labelled?.churnRate.value}, red ${bk.redCustomers?.value}`);

        // Drills to the customer list: the same customers, with the same status, tier, score, reasons and values.
        for (const filter of [[{ dimension: 'risk_tier', value: 'red' }], ...c.drills(rk)]) {
          const [a, b] = [await list(raw, rawCtx, filter), await list(qm, ctx, filter)];
          expect(b.total, JSON.stringify(filter)).toBe(a.total);
          expect(b.total, JSON.stringify(filter)).toBeGreaterThan(0);
          expect(b.rows, JSON.stringify(filter)).toEqual(a.rows);
          // Under a drill the KPI counts still come from the bundle's tables.
          const [fa, fb] = [(await loadKpis(raw, rawCtx, filter, 'en'))!, (await loadKpis(qm, ctx, filter, 'en'))!];
          expect([fb.customers, fb.redCustomers]).toEqual([fa.customers, fa.redCustomers]);
        }
        if (rk.churnRate) expect((await list(qm, ctx, [{ dimension: 'churned_in', value: rk.period }])).total).toBe(rk.churnRate.numerator);

        // Panels read from the bundle's tables.
        expect(await loadRiskTiers(qm, ctx, [], 'en')).toEqual(await loadRiskTiers(raw, rawCtx, [], 'en'));
        // The risk board orders ties of the score by value: CLV on the rows, the 12-month value in a bundle.
        const board = (await loadRiskList(qm, ctx, [], 'en'))!.map(carried);
        if (!rawCtx.presence.clv) expect(board).toEqual((await loadRiskList(raw, rawCtx, [], 'en'))?.map(carried));
        const warned = new Map([...(await list(raw, rawCtx, [{ dimension: 'risk_tier', value: 'red' }])).rows,
          ...(await list(raw, rawCtx, [{ dimension: 'risk_tier', value: 'amber' }])).rows].map((r) => [r.customer_id, r]));
        expect(board.length).toBeGreaterThan(0);
        for (const r of board) expect(r).toEqual(warned.get(r.customer_id));
        const [rr, br] = [await loadRfm(raw, rawCtx, [], 'en'), await loadRfm(qm, ctx, [], 'en')];
        expect(br?.map((x) => [x.segment, x.customers])).toEqual(rr?.map((x) => [x.segment, x.customers]));
        br?.forEach((x, i) => expect(x.value).toBeCloseTo(rr![i].value, 4));
        expect(await loadRegions(qm, ctx, [], 'en')).toEqual(await loadRegions(raw, rawCtx, [], 'en'));
        // Structural churn: every dimension the bundle has (the extra customer columns are not in it) as on the rows.
        const [rs, bs] = [await loadStructural(raw, rawCtx, [], 'en'), await loadStructural(qm, ctx, [], 'en')];
        const bars = (s: typeof rs, dims: string[]) => (s?.bars ?? []).filter((x) => dims.includes(x.dimension)).map((x) => [x.dimension, x.value, x.customers, x.churned, x.rate]);
        expect(bars(bs, bs?.dimensions ?? [])).toEqual(bars(rs, bs?.dimensions ?? []));
        expect(bs?.overallRate).toEqual(rs?.overallRate);
        const [rt, bt] = [await loadTrend(raw, rawCtx, [], 'en'), await loadTrend(qm, ctx, [], 'en')];
        expect(bt?.points.map((p) => [p.period, p.start, p.churned, p.rate, p.partial])).toEqual(rt?.points.map((p) => [p.period, p.start, p.churned, p.rate, p.partial]));
        expect(await loadCohorts(qm, ctx, [], 'en')).toEqual(await loadCohorts(raw, rawCtx, [], 'en'));
        expect((await loadDiagnosis(qm, ctx, [], 'en'))?.length).toBe(5);

        // What the bundle does not carry is null, and the screen says why (never "load a file").
        expect(await loadTriggers(qm, ctx, [], 'en')).toBeNull();
        expect(bundleHint('triggers', ctx, false)?.en).toMatch(/^Not in the facts bundle: key-moment alerts/);
        if (rt) {
          const drilled: CustomerFilter = [{ dimension: 'risk_tier', value: 'red' }];
          expect(await loadTrend(qm, ctx, drilled, 'en')).toBeNull();
          expect(await loadCohorts(qm, ctx, drilled, 'en')).toBeNull();
          expect(bundleHint('trend', ctx, true)?.en).toMatch(/^Not in the facts bundle: churn by period of a drilled selection/);
          expect(bundleHint('trend', ctx, false)).toBeNull();
        } else {
          expect(bundleHint('trend', ctx, false)?.zh).toMatch(/^事实数据包中没有：按周期的流失率（cw_period_churn，写出时省略/);
        }

        // The customer 360 of a red customer: its row as on the rows, and what the bundle does not carry named.
        const id = (await list(qm, ctx, [{ dimension: 'risk_tier', value: 'red' }])).rows[0].customer_id;
        const [r360, b360] = [(await loadCustomer360(raw, rawCtx, id, 'en'))!, (await loadCustomer360(qm, ctx, id, 'en'))!];
        expect(carried(b360.row)).toEqual(carried(r360.row));
        expect([b360.pAlive, b360.signupDate, b360.firstSeen, b360.subScores]).toEqual([r360.pAlive, r360.signupDate, r360.firstSeen, r360.subScores]);
        if (r360.pChurn !== null) expect(b360.pChurn!).toBeCloseTo(r360.pChurn, 3);
        expect(r360.timeline.length).toBeGreaterThan(c.file.includes('cdnow') ? 0 : -1);
        expect(b360.timeline).toEqual([]);
        expect(b360.notInBundle).toEqual(['timeline', 'attributes', 'clv', 'valueBeforeSilence']);
        expect(r360.notInBundle).toBeUndefined();
      } finally {
        await raw.connector.close();
        await qm.connector.close();
      }
    }, 600_000);
  }

  it('opens the reference Spark job\'s bundle (its SQL run on native DuckDB over the demo): no health score, said so; the rest as the app\'s bundle', async () => {
    const settings = settingsWith({});
    const root = tempDir('cw-spark-open-');
    const [inputDir, appDir, jobDir] = ['canonical', 'app-bundle', 'job-bundle'].map((d) => path.join(root, d));
    const app = await createNativeEngine({ threads: 1 });
    let manifest;
    try {
      await loadDemo(app, { customers: 1000 });
      await mkdir(inputDir, { recursive: true });
      for (const t of CANONICAL_TABLES) await app.exec(`COPY ${ident(t)} TO ${lit(path.join(inputDir, `${t}.parquet`))} (FORMAT parquet)`);
      await analyzeWorkspace(app, settings, { today: TODAY });
      manifest = await writeFactsBundle(app, appDir, { engine: 'native', settings });
    } finally {
      await app.connector.close();
    }
    const params: SparkJobParams = {
      as_of: manifest.asOf, period: manifest.settings.period, churn_days: manifest.settings.churnDays,
      period_basis: (manifest.decisions.periodBasis ?? 'orders') as SparkJobParams['period_basis'],
      value_basis: (manifest.decisions.valueBasis ?? 'none') as SparkJobParams['value_basis'],
      churn_rule: (manifest.decisions.churnRule === 'model' ? 'rule' : manifest.decisions.churnRule) as SparkJobParams['churn_rule'],
      silent_days: manifest.settings.silentDays ?? -1, min_silent_days: manifest.settings.minSilentDays, renewal_warning_days: manifest.settings.renewalWarningDays,
    };
    const job = new QM(await createNativeConnector({ threads: 1 }));
    try {
      await registerInputs(job, inputDir, existsSync);
      await runSteps(job, params);
      await writeJobBundle(job, jobDir, params);
    } finally {
      await job.connector.close();
    }
    const [a, b] = [await openBundle(appDir, TODAY), await openBundle(jobDir, TODAY)];
    try {
      expect(b.ctx.bundle?.engine).toBe('spark-sql');
      const [ka, kb] = [(await loadKpis(a.qm, a.ctx, [], 'en'))!, (await loadKpis(b.qm, b.ctx, [], 'en'))!];
      expect([kb.customers, kb.churnRate, kb.period]).toEqual([ka.customers, ka.churnRate, ka.period]);
      expect([kb.redCustomers, kb.atRiskValue]).toEqual([null, null]);
      expect(await loadRiskTiers(b.qm, b.ctx, [], 'en')).toBeNull();
      expect(bundleHint('risk', b.ctx, false)?.en).toBe('Not in the facts bundle: the health score (cw_customer_risk); a Spark job\'s bundle leaves it out');
      expect(await loadCohorts(b.qm, b.ctx, [], 'en')).toEqual(await loadCohorts(a.qm, a.ctx, [], 'en'));
      const churned = [{ dimension: 'churned_in', value: ka.period }];
      expect((await list(b.qm, b.ctx, churned)).rows.map((r) => r.customer_id)).toEqual((await list(a.qm, a.ctx, churned)).rows.map((r) => r.customer_id));
    } finally {
      await a.qm.connector.close();
      await b.qm.connector.close();
    }
  }, 600_000);

  it('reads a bundle from the other engine the same: native and WASM bundles of CDNOW give equal screens', async () => {
    const settings = settingsWith({});
    const load = (q: QueryManager) => loadSharedFile(q, 'cdnow/CDNOW_sample.txt');
    const [a, b] = [await openBundle(await writeBundleOf('native', load, settings, TODAY), TODAY), await openBundle(await writeBundleOf('wasm', load, settings, TODAY), TODAY)];
    try {
      expect(await loadKpis(b.qm, b.ctx, [], 'en')).toEqual(await loadKpis(a.qm, a.ctx, [], 'en'));
      expect(await list(b.qm, b.ctx, [{ dimension: 'status', value: 'churned' }])).toEqual(await list(a.qm, a.ctx, [{ dimension: 'status', value: 'churned' }]));
    } finally {
      await a.qm.connector.close();
      await b.qm.connector.close();
    }
  }, 600_000);
});
