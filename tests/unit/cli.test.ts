import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHARED_DATA, FIXTURES } from '../helpers/engine';
import { analyze as run } from '../helpers/cli';

const analyze = (...args: string[]) => run(args);

describe('npm run analyze', () => {
  it('prints the contract JSON for the Telco snapshot: files, tables, labeled customers, structural churn', () => {
    const r = analyze('--json', path.join(SHARED_DATA, 'telco/Telco-Customer-Churn.csv'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.files).toEqual([expect.objectContaining({ file: 'Telco-Customer-Churn.csv', table: 'customers', sheet: null, rowsLoaded: 7043, rowsRejected: 0, error: null })]);
    expect(report.tables).toEqual({ customers: 7043 });
    expect(report.customers).toEqual({ total: 7043, active: 5174, silent: 0, churned: 1869, new: 0, churnRule: 'labeled' });
    const contract = report.structural.filter((s: { dimension: string }) => s.dimension === 'Contract');
    expect(contract.map((s: { value: string; churned: number; customers: number }) => [s.value, s.churned, s.customers]).sort()).toEqual([
      ['Month-to-month', 1655, 3875], ['One year', 166, 1473], ['Two year', 48, 1695],
    ]);
    expect(report.churnByPeriod).toBeNull();
    expect(report.notes.join(' ')).toMatch(/churn by period is not computable/);
  }, 120_000);

  it('prints the contract JSON for CDNOW_master: orders, 23,570 customers, as-of 1998-06-30, BG/NBD fitted, the rule windows picked by the back-test', () => {
    const r = analyze('--json', path.join(SHARED_DATA, 'cdnow/CDNOW_master.txt'));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.asOf).toBe('1998-06-30');
    expect(report.files[0]).toMatchObject({ table: 'orders', rowsLoaded: 69659, encoding: 'utf-8', mapping: { customer_id: 'customer_id', order_date: 'date', amount: 'dollar_value' } });
    expect(report.tables).toEqual({ orders: 69659 });
    expect(report.customers.total).toBe(23570);
    // The default definition is the one the back-test rates best (metrics.md section 1), not the
    // repeat-buyer count: on CDNOW_master the rule windows (it was 'model' by the count).
    const score = (name: string) => {
      const cls = report.backtest.definitions.find((d: { name: string }) => d.name === name).classes as { status: string; share: number }[];
      return cls.find((c) => c.status === 'active')!.share - cls.find((c) => c.status === 'churned')!.share;
    };
    expect(score('rule')).toBeGreaterThan(score('paretoNbd'));
    expect(score('rule')).toBeGreaterThan(score('bgnbd'));
    expect(report.customers.churnRule).toBe('rule');
    expect(report.churnRuleReason).toBe(`chosen by the back-test: silent/churn windows (score +${score('rule').toFixed(2)})`);
    expect(report.models.bgnbd.customers).toBe(23570);
    expect(report.cohorts[0]).toMatchObject({ cohort: '1997-01' });
    expect(report.cohorts[0].retention[0]).toBe(1);
  }, 120_000);

  it('reports the BG/NBD reference fit from raw CDNOW_sample transactions as of 1997-09-30', () => {
    const r = analyze('--json', '--as-of', '1997-09-30', path.join(SHARED_DATA, 'cdnow/CDNOW_sample.txt'));
    expect(r.code).toBe(0);
    const { bgnbd } = JSON.parse(r.out).models;
    expect(Math.abs(bgnbd.r - 0.243)).toBeLessThan(0.01);
    expect(Math.abs(bgnbd.alpha - 4.414)).toBeLessThan(0.01);
    expect(Math.abs(bgnbd.a - 0.793)).toBeLessThan(0.01);
    expect(Math.abs(bgnbd.b - 2.426)).toBeLessThan(0.01);
  }, 120_000);

  it('reports the Pareto/NBD reference fit beside BG/NBD, with the same shape, from raw CDNOW_sample as of 1997-09-30', () => {
    const r = analyze('--json', '--as-of', '1997-09-30', path.join(SHARED_DATA, 'cdnow/CDNOW_sample.txt'));
    expect(r.code).toBe(0);
    const { bgnbd, paretoNbd } = JSON.parse(r.out).models;
    expect(Object.keys(paretoNbd).sort()).toEqual(['alpha', 'beta', 'converged', 'customers', 'dropout', 'logLik', 'mu', 'r', 'repeatCustomers', 's']);
    expect(Object.keys(bgnbd).filter((k) => !['a', 'b'].includes(k)).sort()).toEqual(Object.keys(paretoNbd).filter((k) => !['s', 'beta', 'mu', 'dropout'].includes(k)).sort());
    expect(paretoNbd.dropout).toBe('gamma');
    expect(paretoNbd.mu).toBeCloseTo(paretoNbd.s / paretoNbd.beta, 10);
    expect(Math.abs(paretoNbd.r - 0.5534)).toBeLessThan(0.01);
    expect(Math.abs(paretoNbd.alpha - 10.5776)).toBeLessThan(0.01);
    expect(Math.abs(paretoNbd.s - 0.6061)).toBeLessThan(0.01);
    expect(Math.abs(paretoNbd.beta - 11.665)).toBeLessThan(0.01);
    expect(paretoNbd.logLik).toBeCloseTo(-9595.0, 0);
    expect(paretoNbd).toMatchObject({ customers: 2357, repeatCustomers: 946, converged: true });
  }, 120_000);

  it('projects retention for a subscription cohort by sBG: the published "regular" curve gives alpha 0.704, beta 1.182', () => {
    // 1,000 subscriptions starting in January 2024; those lost in month t end on its 1st, 241 stay open.
    const curve = [1000, 631, 468, 382, 326, 289, 262, 241];
    const lines = ['subscription_id,customer_id,start_date,end_date,mrr'];
    for (let t = 1, id = 0; t <= curve.length; t++) {
      const lost = t < curve.length ? curve[t - 1] - curve[t] : curve[t - 1];
      const end = t < curve.length ? `2024-${String(1 + t).padStart(2, '0')}-01` : '';
      for (let i = 0; i < lost; i++, id++) lines.push(`s${id},c${id},2024-01-${String(1 + (id % 20)).padStart(2, '0')},${end},10`);
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cw-sbg-')), 'subscriptions.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = analyze('--json', '--as-of', '2024-08-15', file);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.projection).toHaveLength(1);
    const [p] = report.projection;
    expect(p).toMatchObject({ cohort: '2024-01', size: 1000, pooled: false, retained: curve });
    expect(Math.abs(p.alpha - 0.704)).toBeLessThan(0.001);
    expect(Math.abs(p.beta - 1.182)).toBeLessThan(0.001);
    expect(p.projected).toHaveLength(12);
    expect(p.projected[0]).toBeCloseTo(241 * (p.beta + 7) / (p.alpha + p.beta + 7), 2);
    expect(report).not.toHaveProperty('projectionPooled');
  }, 120_000);

  it('fills every metrics.md section for the demo company, with no section null', () => {
    const r = analyze('--json', '--demo=3000');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const sections = ['customers', 'churnByPeriod', 'structural', 'cohorts', 'rfm', 'risk', 'triggers', 'models', 'clv', 'service', 'churnReasons', 'interventions', 'diagnosis'];
    for (const key of sections) expect(report[key], key).not.toBeNull();
    expect(Object.entries(report).filter(([, v]) => v === null).map(([k]) => k)).toEqual([]);
    expect(report.customers.total).toBe(3000);
    expect(report.customers.churnRule).toBe('contractual');
    expect(report.churnByPeriod.at(-1)).toMatchObject({ period: '2026-09' });
    expect(report.churnByPeriod.at(-1).nrr).toBeGreaterThan(0);
    expect(report.risk.red + report.risk.amber + report.risk.green).toBeGreaterThan(0);
    expect(report.models.bgnbd.r).toBeGreaterThan(0);
    expect(report.clv.total).toBeGreaterThan(report.clv.atRisk);
  }, 180_000);

  it('exits 1 when no file loads, naming the file, and 2 for a usage error', () => {
    const none = analyze('--json', path.join(FIXTURES, 'image.png'));
    expect(none.code).toBe(1);
    expect(JSON.parse(none.out).files[0].error).toMatch(/image\.png/);
    expect(analyze('--as-of', '1997-13-45', 'x.csv').code).toBe(2);
    expect(analyze().code).toBe(2);
  }, 120_000);
});
