import type { QueryManager } from '../../engine/queryManager';
import { scalar, toRows } from '../../engine/rows';
import { dateLit } from '../../engine/sql';
import type { ResolvedSettings } from '../prepare';
import type { AliveModel, ChurnRule } from '../settings';
import { definitionOf } from './pickDefinition';
import type { ValueBasis } from '../status/basis';
import { buildCustomerFacts, earliestDataDateSql } from '../facts/customerFacts';
import { buildCustomerValueSql } from '../status/customerValueSql';
import { buildStatusSql, type StatusInput } from '../status/statusSql';
import { dataPresenceSql, type DataPresence } from '../status/dataPresence';
import { fitBgNbdFromFacts, fitParetoNbdFromFacts, MIN_REPEAT_BUYERS_FOR_FIT } from '../models/fitFromData';
import { writeParetoAliveTable } from '../status/paretoAlive';
import { buildRiskTables } from '../risk/computeRisk';
import { ensureCanonicalTables } from '../risk/tables';
import { prefixedTables } from '../common/tableNames';
import { cameBackSql, classReturnsSql, redTierSql } from './backtestSql';

/** The back-test's default horizon H in days (metrics.md section 11). */
export const BACKTEST_HORIZON_DAYS = 180;

/** Every table the back-test builds starts with this; all are dropped when it ends. */
const PREFIX = 'cw_bt_';
const TABLES = prefixedTables(PREFIX);
/**
 * The customers active again in (T0, as-of], built once: every definition's classes and the red
 * tier read it (at L each read was a scan of the 10M orders and the activity).
 */
const CAME_BACK_TABLE = `${PREFIX}came_back`;

/** A candidate status definition: the rule windows, BG/NBD P(alive), Pareto/NBD P(alive), the contractual rule. */
export type BacktestDefinitionName = 'rule' | 'bgnbd' | 'paretoNbd' | 'contractual';

export interface BacktestClass {
  status: string;
  /** Customers in this class at T0. */
  customers: number;
  /** Of them, active again in (T0, as-of]. */
  cameBack: number;
  share: number;
}

export interface BacktestDefinition {
  name: BacktestDefinitionName;
  classes: BacktestClass[];
}

export interface Backtest {
  t0: string;
  asOf: string;
  horizonDays: number;
  definitions: BacktestDefinition[];
  /** The red tier at T0 against who did not come back by the as-of date (absent when nobody was scored at T0). */
  redTier?: { precision: number | null; recall: number | null; flagged: number; churned: number };
}

/** `iso` minus `days` days. */
function minusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** H = 180 days, or half the span from the earliest dated row to the as-of date when that is shorter; null under 1 day. */
export async function backtestHorizon(qm: QueryManager, asOf: string): Promise<number | null> {
  const span = scalar(await qm.query(`SELECT (${dateLit(asOf)} - as_of)::INTEGER FROM (${earliestDataDateSql(asOf)})`, { cache: false }));
  if (typeof span !== 'number') return null;
  const h = Math.min(BACKTEST_HORIZON_DAYS, Math.floor(span / 2));
  return h >= 1 ? h : null;
}

/** The definition whose T0 status leaves the already churned out of the red tier's population: the screen's own. */
function screenDefinition(rule: ChurnRule, aliveModel: AliveModel, names: BacktestDefinitionName[]): BacktestDefinitionName {
  const wanted = definitionOf(rule, aliveModel);
  return names.includes(wanted) ? wanted : 'rule';
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The back-test (metrics.md section 11): T0 = as-of - H; every candidate definition's status as of
 * T0 from rows up to T0 only (the facts, value, status and risk builders run as of T0 into cw_bt_*
 * tables, never the screen's); per status class, the customers and the share active again in
 * (T0, as-of]; and the red tier's precision and recall at T0. BG/NBD and Pareto/NBD are refitted
 * on the T0 facts.
 */
export async function computeBacktest(
  qm: QueryManager, settings: ResolvedSettings, screenRule: ChurnRule, valueBasis: ValueBasis, aliveModel: AliveModel = 'bgnbd',
): Promise<{ value: Backtest | null; notes: string[] }> {
  const asOf = settings.asOf;
  const horizonDays = await backtestHorizon(qm, asOf);
  if (horizonDays === null) return { value: null, notes: ['the back-test needs dated rows at least two days before the as-of date'] };
  const t0 = minusDays(asOf, horizonDays);
  // The settings as of T0, without copying them: a copy would read every setting, and the build
  // graph reruns the back-test on a change of any setting it read (graph/trackSettings.ts).
  const s = new Proxy(settings, { get: (target, key, receiver) => (key === 'asOf' ? t0 : Reflect.get(target, key, receiver) as unknown) });
  const notes: string[] = [];
  try {
    await ensureCanonicalTables(qm);
    await qm.exec(`CREATE OR REPLACE TABLE ${CAME_BACK_TABLE} AS ${cameBackSql(t0, asOf)}`);
    await buildCustomerFacts(qm, t0, TABLES.facts);
    await qm.exec(buildCustomerValueSql(t0, valueBasis, TABLES));
    const presence = toRows<DataPresence>(await qm.query(dataPresenceSql(t0, TABLES.facts), { cache: false }))[0];
    const bgnbd = presence.repeatBuyers >= MIN_REPEAT_BUYERS_FOR_FIT ? await fitBgNbdFromFacts(qm, TABLES.facts) : null;
    if (!bgnbd) notes.push(`back-test: ${presence.repeatBuyers} repeat customers by ${t0} are too few to fit BG/NBD (at least ${MIN_REPEAT_BUYERS_FOR_FIT})`);

    const inputs: { name: BacktestDefinitionName; input: StatusInput }[] = [
      { name: 'rule', input: { asOf: t0, rule: 'rule', settings: s, bgnbd: null } },
    ];
    if (bgnbd) inputs.push({ name: 'bgnbd', input: { asOf: t0, rule: 'model', settings: s, bgnbd } });
    // Pareto/NBD on the same histories and the same minimum (its bounded fit, models/paretoNbd.ts).
    const paretoNbd = bgnbd ? await fitParetoNbdFromFacts(qm, TABLES.facts) : null;
    if (paretoNbd) {
      await writeParetoAliveTable(qm, paretoNbd, TABLES);
      inputs.push({ name: 'paretoNbd', input: { asOf: t0, rule: 'model', settings: s, bgnbd, paretoNbd } });
    }
    if (presence.subscribers > 0) inputs.push({ name: 'contractual', input: { asOf: t0, rule: 'contractual', settings: s, bgnbd } });

    const risk = await buildRiskTables(qm, s, TABLES);
    const redBasis = screenDefinition(screenRule, aliveModel, inputs.map((d) => d.name));
    const definitions: BacktestDefinition[] = [];
    let redTier: Backtest['redTier'];
    for (const { name, input } of inputs) {
      await qm.exec(buildStatusSql(input, TABLES));
      const rows = toRows<{ status: string; customers: number; came_back: number }>(
        await qm.query(classReturnsSql(TABLES.status, CAME_BACK_TABLE), { cache: false }));
      definitions.push({ name, classes: rows.map((r) => ({ status: r.status, customers: r.customers, cameBack: r.came_back, share: r.came_back / r.customers })) });
      if (name !== redBasis) continue;
      const [red] = toRows<{ flagged: number; churned: number; hits: number; scored: number }>(
        await qm.query(redTierSql(TABLES.customerRisk, TABLES.status, CAME_BACK_TABLE), { cache: false }));
      if (red.scored > 0) {
        redTier = { precision: ratio(red.hits, red.flagged), recall: ratio(red.hits, red.churned), flagged: red.flagged, churned: red.churned };
      } else {
        const signals = Object.values(risk.available).some(Boolean);
        notes.push(`back-test: no customer had a health score at ${t0}${signals ? '' : ' (no health signal in the data)'}, so the red tier is not rated`);
      }
    }
    return { value: { t0, asOf, horizonDays, definitions, ...(redTier ? { redTier } : {}) }, notes };
  } finally {
    for (const t of [...Object.values(TABLES), CAME_BACK_TABLE]) await qm.exec(`DROP TABLE IF EXISTS ${t}`);
  }
}
