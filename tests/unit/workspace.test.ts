import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import type { KpiSet } from '../../src/analytics/screen/types';
import { createNodeHost } from '../../src/workspace/nodeHost';
import type { EngineHost } from '../../src/workspace/engineHost';
import { initialState } from '../../src/workspace/state';
import { MemoryStore } from '../../src/workspace/storage/keyValue';
import { SchemaStorage } from '../../src/workspace/storage/schemaStorage';
import { DEFAULT_WORKSPACE, Workspace } from '../../src/workspace/workspace';
import { isStorageFull } from '../../src/workspace/storageErrors';
import { rowsOf, SHARED_DATA } from '../helpers/engine';

const TELCO = path.join(SHARED_DATA, 'telco/Telco-Customer-Churn.csv');
const DEMO_CUSTOMERS = 400;

/** A workspace on `host` whose storage keeps derived tables (as OPFS does), sharing `kv` across "reloads". */
function workspaceOn(host: EngineHost, kv: MemoryStore): Workspace {
  return new Workspace({
    state: initialState(structuredClone(DEFAULT_SETTINGS), DEFAULT_WORKSPACE),
    startEngine: async () => host,
    makeStorage: (h) => new SchemaStorage(h.reader, h.writer, 'memory', true),
    kv,
    sources: kv,
    demoCustomers: DEMO_CUSTOMERS,
    langs: () => ['zh-CN'],
  });
}

function telcoFile(): File {
  return new File([readFileSync(TELCO)], 'Telco-Customer-Churn.csv', { type: 'text/csv' });
}

/** Statements the writer ran that build customer facts (the most expensive part of a rebuild). */
function factBuilds(host: EngineHost): number {
  return host.writer.statements.list().filter((s) => s.sql.includes('CREATE OR REPLACE TABLE cw_customer_facts')).length;
}

describe('the workspace (Node engine, schemas in one database)', () => {
  let host: EngineHost;
  let kv: MemoryStore;
  let ws: Workspace;

  beforeAll(async () => {
    host = await createNodeHost();
    kv = new MemoryStore();
    ws = workspaceOn(host, kv);
    await ws.start();
    await ws.screen.idle();
  }, 180_000);

  it('starts on the demo company and publishes every panel, the KPIs counting the rows in the engine', async () => {
    const s = ws.state;
    expect(s.phase).toBe('ready');
    expect(s.source).toBe('demo');
    expect(s.screen.ctx).not.toBeNull();
    const kpis = s.screen.panels['zh-CN']?.kpis as KpiSet;
    const [{ n }] = await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM cw_customer_status');
    expect(kpis.customers.value).toBe(n);
    expect(n).toBeGreaterThan(DEMO_CUSTOMERS * 0.9);
    expect(Object.keys(s.screen.panels['zh-CN'] ?? {}).sort()).toEqual(
      ['cohorts', 'diagnosis', 'drivers', 'kpis', 'regions', 'rfm', 'riskList', 'riskTiers', 'structural', 'tenureCurve', 'trend', 'triggers']);
  });

  it('reopens from storage: the stored screen draws first and the stored build is adopted without a rebuild', async () => {
    const builds = factBuilds(host);
    const again = workspaceOn(host, kv);
    const started = again.start();
    // The stored screen is on the state before the engine work is done.
    await new Promise((r) => setTimeout(r, 0));
    expect((again.state.screen.panels['zh-CN']?.kpis as KpiSet | undefined)?.customers.value)
      .toBe((ws.state.screen.panels['zh-CN']?.kpis as KpiSet).customers.value);
    await started;
    await again.screen.idle();
    expect(again.state.screen.revalidating).toBe(false);
    expect(factBuilds(host)).toBe(builds);
    expect(again.state.screen.version).toBe(1);
    ws = again;
  });

  it('loads a dropped file into the default workspace, its rows and files line committed together, and undoes it', async () => {
    await ws.loads.addFiles([telcoFile()]);
    await ws.screen.idle();
    const s = ws.state;
    expect(s.source).toBe('files');
    expect(s.name).toBe(DEFAULT_WORKSPACE);
    expect(s.files.map((f) => [f.file, f.table, f.rowsLoaded])).toEqual([['Telco-Customer-Churn.csv', 'customers', 7043]]);
    expect((s.screen.panels['zh-CN']?.kpis as KpiSet).customers.value).toBe(7043);
    const [{ churned }] = await rowsOf<{ churned: number }>(host.reader, 'SELECT count(*) FILTER (WHERE churned)::INTEGER AS churned FROM customers');
    expect(churned).toBe(1869);
    // The demo is untouched in its own schema.
    const [{ demo }] = await rowsOf<{ demo: number }>(host.reader, `SELECT count(*)::INTEGER AS demo FROM ${(await demoSchema(host))}.customers`);
    expect(demo).toBe(DEMO_CUSTOMERS);

    await ws.loads.undoLastAppend();
    await ws.screen.idle();
    expect(s.files).toEqual([]);
    expect((await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM customers'))[0].n).toBe(0);
  });

  it('rolls a failed change back whole: rows, files list and generation', async () => {
    const before = ws.rowsGeneration;
    await expect(ws.change(async () => {
      await host.writer.exec(`INSERT INTO customers (customer_id, _source, _line) VALUES ('X-1', 'boom', 1)`);
      ws.state.files = [...ws.state.files, { ...ws.state.files[0], sourceId: 'boom' } as never];
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(ws.rowsGeneration).toBe(before);
    expect(ws.state.files).toEqual([]);
    expect((await rowsOf<{ n: number }>(host.reader, `SELECT count(*)::INTEGER AS n FROM customers WHERE _source = 'boom'`))[0].n).toBe(0);
  });

  it('rolls back a change that ran out of storage space, and knows it for what it is', async () => {
    const [{ n: before }] = await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM customers');
    const error = await ws.change(async () => {
      await host.writer.exec(`INSERT INTO customers (customer_id, _source, _line) VALUES ('Q-1', 'full.csv', 1)`);
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }).catch((e: unknown) => e);
    expect(isStorageFull(error)).toBe(true);
    expect(isStorageFull(new Error('IO Error: Could not write file "opfs://churnwatch.duckdb": QuotaExceededError'))).toBe(true);
    expect(isStorageFull(new Error('Conversion Error: Could not convert string "x" to INT32'))).toBe(false);
    const [{ n: after }] = await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM customers');
    expect(after).toBe(before);
  });

  it('saves as, creates, opens and deletes workspaces, each with its own rows', async () => {
    await ws.loads.addFiles([telcoFile()]);
    await ws.saveAs('Telco');
    await ws.newWorkspace('Empty', structuredClone(DEFAULT_SETTINGS));
    await ws.screen.idle();
    expect(ws.state.name).toBe('Empty');
    expect((await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM customers'))[0].n).toBe(0);
    expect((await ws.list()).map((w) => [w.name, w.files])).toEqual([['Empty', 0], ['Telco', 1], [DEFAULT_WORKSPACE, 1]]);

    // Another churn window in the open workspace; opening Telco must show its own settings
    // (saved with the defaults) by the time its stored screen is drawn, not the ones left open.
    ws.updateSettings({ ...ws.state.settings, churnDays: 60 });
    await ws.screen.idle();
    const settingsWhenDrawn: number[] = [];
    const showStored = ws.screen.showStored.bind(ws.screen);
    ws.screen.showStored = async (name) => {
      const shown = await showStored(name);
      settingsWhenDrawn.push(ws.state.settings.churnDays);
      return shown;
    };
    await ws.openWorkspace('Telco');
    ws.screen.showStored = showStored;
    expect(settingsWhenDrawn).toEqual([180]);
    await ws.screen.idle();
    expect(ws.state.files.map((f) => f.rowsLoaded)).toEqual([7043]);
    expect((await rowsOf<{ n: number }>(host.reader, 'SELECT count(*)::INTEGER AS n FROM customers'))[0].n).toBe(7043);
    await ws.deleteWorkspace('Empty');
    expect((await ws.list()).map((w) => w.name)).toEqual(['Telco', DEFAULT_WORKSPACE]);
  });

  it('drops the rows of a load cut short before its files line was committed, on the next open', async () => {
    const sourceIds = ws.state.files.map((f) => f.sourceId);
    // What a crash between a load's rows and its files line leaves: rows nobody lists.
    await host.writer.exec(`INSERT INTO customers (customer_id, _source, _line) VALUES ('ORPHAN', 'cut-short.csv', 2)`);
    await ws.openWorkspace(DEFAULT_WORKSPACE);
    await ws.openWorkspace('Telco');
    const sources = await rowsOf<{ s: string }>(host.reader, 'SELECT DISTINCT _source AS s FROM customers ORDER BY 1');
    expect(sources.map((r) => r.s)).toEqual(sourceIds);
  });
});

async function demoSchema(host: EngineHost): Promise<string> {
  const [{ s }] = await rowsOf<{ s: string }>(host.reader, `SELECT schema_name AS s FROM main.cw_catalog WHERE name LIKE '#demo-%'`);
  return s;
}
