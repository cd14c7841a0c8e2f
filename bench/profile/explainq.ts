// npx tsx bench/profile/explainq.ts CUSTOMERS "SQL TEXT TO MATCH". Loads the demo, runs prepareScreen, then EXPLAIN ANALYZE of the captured statement matching argv[3].
import { createNodeConnector } from '../../src/engine/nodeConnector';
import { QueryManager } from '../../src/engine/queryManager';
import { loadDemo } from '../../src/demo/loadDemo';
import { prepareScreen } from '../../src/analytics/screen/prepareScreen';
import { DEFAULT_SETTINGS } from '../../src/analytics/settings';
import { toRows } from '../../src/engine/rows';
import type { Connector } from '../../src/engine/connector';
const inner = await createNodeConnector();
const needle = process.argv[3];
let captured = '';
const cap = (fn: (s: string) => Promise<unknown>) => async (s: string) => { if (!captured && s.includes(needle)) captured = s; return fn(s); };
const c: Connector = { ...inner, bundle: inner.bundle, query: cap((s) => inner.query(s)) as Connector['query'], exec: cap((s) => inner.exec(s)) as Connector['exec'],
  insertArrowIPC: (a, b, d) => inner.insertArrowIPC(a, b, d), registerFile: (a, b) => inner.registerFile(a, b), dropFile: (a) => inner.dropFile(a), cancel: () => inner.cancel(), close: () => inner.close() };
const qm = new QueryManager(c);
await loadDemo(qm, { customers: Number(process.argv[2]) });
await prepareScreen(qm, DEFAULT_SETTINGS);
const sel = captured.replace(/^\s*CREATE OR REPLACE TABLE \w+ AS/, '');
const t0 = performance.now();
const plan = toRows<Record<string, string>>(await qm.query('EXPLAIN (ANALYZE, FORMAT json) ' + sel, { cache: false }));
console.log('total', (performance.now() - t0).toFixed(0), 'ms');
const json = JSON.parse(Object.values(plan[0]).find((v) => typeof v === 'string' && (v.startsWith('{') || v.startsWith('[')))!);
function walk(n: Record<string, unknown>, d: number) { if (Number(n.operator_timing ?? 0) > 0.01) console.log(Number(n.operator_timing).toFixed(2), String(n.operator_cardinality ?? '').padStart(9), '  '.repeat(d) + n.operator_type, JSON.stringify(n.extra_info ?? '').slice(0, 110)); for (const ch of (n.children as Record<string, unknown>[]) ?? []) walk(ch, d + 1); }
walk(Array.isArray(json) ? json[0] : json, 0);
