import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEngine, rowsOf } from '../helpers/engine';
import { emptyTables, headline, loadRealWorld } from '../helpers/realWorld';
import type { QueryManager } from '../../src/engine/queryManager';
import { CHURN_FALSE_WORDS, CHURN_TRUE_WORDS, churnFlagSql, parseChurnFlag } from '../../src/ingest/values/flags';

// Fixtures: tests/fixtures/realworld (npx tsx tests/fixtures/realworld/make-realworld-fixtures.ts).
let qm: QueryManager;
beforeAll(async () => {
  qm = await createTestEngine();
});
beforeEach(async () => {
  await emptyTables(qm);
});

async function loadOne(name: string) {
  const reports = await loadRealWorld(qm, name);
  expect(reports).toHaveLength(1);
  return reports[0];
}

describe('churn labels recognised by value as well as by name', () => {
  it('reads Portuguese BankChurners (Cliente / Cancelado under a neutral header) as 1,627 churned of 10,127', async () => {
    const r = await loadOne('bankchurners-pt.csv');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 10127, rowsRejected: 0, error: null });
    expect(r.mapping).toMatchObject({ customer_id: 'CLIENTNUM', status: 'Categoria_Cliente' });
    expect(await headline(qm)).toEqual({ total: 10127, active: 8500, silent: 0, churned: 1627, new: 0, churnRule: 'labeled', rate: 0.1607 });
  }, 60_000);

  it('reads Attrition_Flag "Attrited Customer" / "Existing Customer" as the churn label', async () => {
    const r = await loadOne('bankchurners-en.csv');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 1000, rowsRejected: 0, error: null });
    expect(r.mapping).toMatchObject({ customer_id: 'CLIENTNUM', status: 'Attrition_Flag' });
    expect(await headline(qm)).toMatchObject({ total: 1000, churned: 161, churnRule: 'labeled', rate: 0.161 });
  });

  it('takes Exited, not HasCrCard or IsActiveMember, as the 0/1 churn flag of Churn_Modelling', async () => {
    const r = await loadOne('churn-modelling.csv');
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: 1000, rowsRejected: 0, error: null });
    expect(r.mapping).toMatchObject({ customer_id: 'CustomerId', status: 'Exited' });
    expect(await headline(qm)).toMatchObject({ total: 1000, churned: 204, churnRule: 'labeled', rate: 0.204 });
  });

  it.each([
    // [file, label column, customers, churned, rate]: by value (Statut, Estado, 账户状态) and by header (Kündigung: ja/nein, Cancelado: Sim/Não).
    ['kunden-de.csv', 'Kündigung', 120, 23, 0.1917],
    ['clients-fr.csv', 'Statut', 120, 31, 0.2583],
    ['clientes-es.csv', 'Estado', 120, 17, 0.1417],
    ['clientes-pt.csv', 'Cancelado', 120, 40, 0.3333],
    ['用户状态-zh.csv', '账户状态', 120, 29, 0.2417],
  ])('reads the label column of %s (%s): %i customers, %i churned (rate %f)', async (file, column, customers, churned, rate) => {
    const r = await loadOne(file);
    expect(r).toMatchObject({ table: 'customers', rowsLoaded: customers, rowsRejected: 0, error: null });
    expect(r.mapping.status).toBe(column);
    expect(await headline(qm)).toMatchObject({ total: customers, churned, churnRule: 'labeled', rate });
    const [unread] = await rowsOf(qm, 'select count(*)::int n from customers where churned is null');
    expect(unread.n).toBe(0);
  });
});

describe('the churn vocabulary', () => {
  it('reads the words of every language in any case and with or without accents', () => {
    const churned = ['Churned', 'LOST', 'cancelled', 'Attrited Customer', 'exited', 'closed', 'Inactive', '流失', '已流失', '注销', '停用', '退订',
      'Cancelado', 'perdido', 'gekündigt', 'GEKUNDIGT', 'Résilié', 'resilie'];
    const retained = ['Existing Customer', 'Active', 'Cliente', 'aktiv', 'Actif', '正常', 'Não', 'nein'];
    expect(churned.map(parseChurnFlag)).toEqual(churned.map(() => true));
    expect(retained.map(parseChurnFlag)).toEqual(retained.map(() => false));
    expect(parseChurnFlag('Open')).toBeNull();
  });

  it('never lists one word as both churned and retained', () => {
    const retained = new Set(CHURN_FALSE_WORDS);
    expect(CHURN_TRUE_WORDS.filter((w) => retained.has(w))).toEqual([]);
  });

  it('reads the same words in SQL as in TypeScript', async () => {
    const words = [...CHURN_TRUE_WORDS, ...CHURN_FALSE_WORDS, 'Résilié', 'GEKÜNDIGT', 'Attrited  Customer', 'open'];
    const values = words.map((w) => `('${w.replace(/'/g, "''")}')`).join(', ');
    const rows = await rowsOf<{ w: string; f: boolean | null }>(qm, `select w, ${churnFlagSql('w')} f from (values ${values}) t(w)`);
    expect(rows.map((r) => [r.w, r.f])).toEqual(words.map((w) => [w, parseChurnFlag(w)]));
  });
});
