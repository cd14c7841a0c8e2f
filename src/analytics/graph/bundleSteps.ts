import { toRows } from '../../engine/rows';
import { ident } from '../../engine/sql';
import { assembleChurnRows, type LogoRow } from '../churn/assembleRows';
import { periodChurnersTable } from '../churn/logoChurnSql';
import { effectiveWeights } from '../risk/availability';
import { CUSTOMER_RISK_TABLE, SIGNALS, type SignalKey } from '../risk/signals';
import { MODEL_FACTOR_REASON, type SnapshotRiskModel } from '../risk/snapshotRisk';
import type { RiskSummary } from '../risk/computeRisk';
import { STATUS_TABLE } from '../status/statusSql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { RFM_TABLE } from '../rfm/rfmSql';
import type { TablePresence } from '../screen/presence';
import { buildChurnersViewSql, buildScreenCustomerBaseSql, buildScreenCustomersSql } from '../screen/screenTables';
import { tableExists } from '../common/meta';
import type { ProvidedFacts } from './provided';
import { provides } from './provided';
import type { StepId, StepInput, StepResults } from './steps';
import { SCREEN_STEPS } from './steps';

/** The per-period tables of a bundle, as loaded (contract names). */
export const BUNDLE_PERIOD_CHURN = 'cw_period_churn';
export const BUNDLE_PERIOD_CHURNERS = 'cw_period_churners';
export const BUNDLE_COHORT_CELLS = 'cw_cohort_cells';

/**
 * How a step runs on a facts bundle:
 * - 'run': as on raw data (it reads only tables the bundle provides or the steps before build);
 * - a function: the step's result from the provided tables and the manifest ('provided': the
 *   bundle holds what the step would build), or the result of a step whose inputs (the raw
 *   canonical tables: orders, tickets ...) are not in the bundle ('absent': no table, a null
 *   result the panels turn into a "not in the bundle" hint).
 */
type BundleRun<K extends StepId> = 'run' | ((input: StepInput, provided: ProvidedFacts) => Promise<StepResults[K]>);

/** A step whose result is fixed on a bundle: its table is provided as loaded, or its inputs are not in the bundle. */
const given = <T>(value: T) => async () => value;
const notIn = (what: string) => `${what} is not in the facts bundle`;

/** Which sub-scores the bundle's health score has (a signal whose column is all NULL was not available). */
async function availableInBundle(input: StepInput): Promise<Record<SignalKey, boolean>> {
  const none = Object.fromEntries(SIGNALS.map((s) => [s.key, false])) as Record<SignalKey, boolean>;
  if (!(await tableExists(input.qm, CUSTOMER_RISK_TABLE))) return none;
  const [r] = toRows<Record<string, number>>(await input.qm.query(
    `SELECT ${SIGNALS.map((s) => `count(${ident(s.column)})::INTEGER AS ${ident(s.key)}`).join(', ')} FROM ${CUSTOMER_RISK_TABLE}`, { cache: false }));
  return Object.fromEntries(SIGNALS.map((s) => [s.key, Number(r[s.key]) > 0])) as Record<SignalKey, boolean>;
}

/**
 * The risk summary of a bundle's health score (cw_customer_risk as written): customers per tier
 * not yet churned, counted as computeRisk counts them. Tiers written by the model on the labels
 * (a label-only snapshot: reason code model-factor, no sub-score) count as model tiers; the fit
 * itself (weights, AUC) is not in the bundle.
 */
async function bundleRisk(input: StepInput, p: ProvidedFacts): Promise<StepResults['risk']> {
  const { qm, get } = input;
  if (!provides(p, CUSTOMER_RISK_TABLE)) return { value: null, notes: [notIn('the health score (cw_customer_risk)')] };
  const { weights } = get('riskScores');
  const used = SIGNALS.filter((s) => weights[s.key] > 0).map((s) => s.key);
  const [c] = toRows<{ red: number; amber: number; green: number; scored: number; model_tiers: number; labelled: number; churned: number }>(await qm.query(
    `SELECT count(*) FILTER (WHERE r.tier = 'red' AND NOT lost)::INTEGER AS red, count(*) FILTER (WHERE r.tier = 'amber' AND NOT lost)::INTEGER AS amber,
       count(*) FILTER (WHERE r.tier = 'green' AND NOT lost)::INTEGER AS green, count(r.score)::INTEGER AS scored,
       count(*) FILTER (WHERE r.tier IS NOT NULL AND ${MODEL_REASON_SQL})::INTEGER AS model_tiers,
       count(*) FILTER (WHERE r.tier IS NOT NULL)::INTEGER AS labelled, count(*) FILTER (WHERE r.tier IS NOT NULL AND lost)::INTEGER AS churned
     FROM (SELECT r.*, coalesce(st.status = 'churned', false) AS lost FROM ${CUSTOMER_RISK_TABLE} r LEFT JOIN ${STATUS_TABLE} st USING (customer_id)) r`,
    { cache: false }));
  const notes = ['the health score comes from the facts bundle: its AUCs and the signals behind it are not in the bundle'];
  const model: SnapshotRiskModel | null = used.length === 0 && Number(c.model_tiers) > 0
    ? {
      folds: 0, labelled: Number(c.labelled), churned: Number(c.churned), auc: null,
      cutoffs: { red: input.s.modelRedAt, amber: input.s.modelAmberAt }, factors: [], weights: [],
    }
    : null;
  const tiered = used.length > 0 || model !== null;
  const summary: RiskSummary = {
    red: tiered ? Number(c.red) : null,
    amber: tiered ? Number(c.amber) : null,
    green: tiered ? Number(c.green) : null,
    scored: Number(c.scored),
    auc: { rules: null, model: null },
    signals: used,
    weights,
    bestSignal: null,
    tierModel: model,
    evaluation: null,
  };
  if (!tiered) notes.push('No behavioural signals in the bundle\'s health score: no risk tiers.');
  return { value: summary, notes };
}

/** cw_customer_risk without rows, shaped as the health score's (scoreSql.ts; contract version 1). */
const EMPTY_RISK_SQL = `CREATE OR REPLACE TABLE ${CUSTOMER_RISK_TABLE} (customer_id VARCHAR, score DOUBLE, tier VARCHAR,
  ${SIGNALS.map((s) => `${ident(s.column)} DOUBLE`).join(', ')},
  ${[1, 2, 3].map((k) => `reason${k} VARCHAR, reason${k}_params VARCHAR`).join(', ')})`;

const MODEL_REASON_SQL = `(r.reason1 = '${MODEL_FACTOR_REASON}' OR r.reason2 = '${MODEL_FACTOR_REASON}' OR r.reason3 = '${MODEL_FACTOR_REASON}')`;

/**
 * The diagnosis on a bundle: the checks run as on rows (structural, silent vs lost, one size fits
 * all read the bundle's tables); the two whose inputs are not in the bundle (tickets; the AUCs of
 * the health score) say so instead of asking for data the bundle's writer had.
 */
async function bundleDiagnosis(input: StepInput): Promise<StepResults['diagnosis']> {
  const run = SCREEN_STEPS.find((st) => st.id === 'diagnosis')!.run as (i: StepInput) => Promise<StepResults['diagnosis']>;
  const result = await run(input);
  const NOT_IN: Partial<Record<string, { zh: string; en: string }>> = {
    'service-before-churn': { zh: '流失前服务：事实数据包中没有工单', en: 'Service before churn: the facts bundle has no tickets' },
    'single-signal': { zh: '单一信号预警：事实数据包中没有健康分的 AUC', en: 'Single-signal warning: the facts bundle has no AUCs of the health score' },
  };
  return {
    value: result.value?.map((f) => (f.status === 'na' && NOT_IN[f.check] ? { ...f, text: NOT_IN[f.check]! } : f)) ?? null,
    notes: result.notes,
  };
}

/** Which raw tables a bundle's customers had, as far as its tables tell (the panels' TablePresence). */
async function bundlePresence(input: StepInput): Promise<TablePresence> {
  const { qm } = input;
  const risk = await tableExists(qm, CUSTOMER_RISK_TABLE);
  const sub = (col: string) => (risk ? `EXISTS (SELECT 1 FROM ${CUSTOMER_RISK_TABLE} WHERE ${col} IS NOT NULL)` : 'false');
  const [p] = toRows<TablePresence>(await qm.query(`SELECT
    EXISTS (SELECT 1 FROM ${FACTS_TABLE}) AS customers,
    EXISTS (SELECT 1 FROM ${FACTS_TABLE} WHERE last_order_date IS NOT NULL) AS orders,
    EXISTS (SELECT 1 FROM ${FACTS_TABLE} WHERE first_subscription_date IS NOT NULL) AS subscriptions,
    EXISTS (SELECT 1 FROM ${FACTS_TABLE} WHERE last_activity_date IS NOT NULL) AS activity,
    ${sub('coalesce(sub_complaints, sub_service)')} AS tickets,
    ${sub('sub_nps')} AS nps,
    false AS interventions,
    false AS attributes,
    EXISTS (SELECT 1 FROM ${FACTS_TABLE} WHERE region IS NOT NULL) AS regions,
    EXISTS (SELECT 1 FROM ${RFM_TABLE}) AS rfm`, { cache: false }));
  return p;
}

/**
 * Every step of the screen's build on a facts bundle (runGraph with `provided`). Total over the
 * steps, so a new step must say how it runs on a bundle.
 */
export const BUNDLE_STEPS: { [K in StepId]: BundleRun<K> } = {
  asOf: async (_input, p) => ({ asOf: p.asOf, source: 'settings', notes: [`as-of date, rule and period from the facts bundle (${p.engine}, written ${p.writtenAt})`] }),
  facts: given(null),
  presence: 'run',
  fits: given({ bgnbd: null, gammaGamma: null, notes: [notIn('the BG/NBD and Gamma-Gamma fit (P(alive) is in cw_customer_status)')] }),
  decide: async (_input, p) => ({
    rule: p.decisions.churnRule, ruleReason: `decided when the facts bundle was written (${p.engine})`,
    periodBasis: p.decisions.periodBasis, valueBasis: p.decisions.valueBasis, pickNote: null, fallbackNote: null,
    aliveModel: p.decisions.aliveModel, source: 'auto',
  }),
  // The bundle's status already holds the P(alive) of the model in force (decisions.aliveModel).
  paretoFit: given({ value: null, notes: [] }),
  value: given(null),
  status: given(null),
  // The spells come from orders or subscriptions: the churn series is the bundle's own instead.
  spells: given(null),
  rfm: given(null),
  valueTier: given(null),
  dims: 'run',
  meta: 'run',
  churn: async ({ qm, s, get }, p) => {
    const omitted = p.omitted.find((o) => o.table === BUNDLE_PERIOD_CHURN);
    if (!provides(p, BUNDLE_PERIOD_CHURN) || !provides(p, BUNDLE_PERIOD_CHURNERS)) {
      return { value: { churnByPeriod: null, churnDefinition: null }, notes: [`churn by period is not in the facts bundle${omitted ? `: ${omitted.reason}` : ''}`] };
    }
    // The drill list under the engine's own name for the period in force.
    await qm.exec(`CREATE OR REPLACE TABLE ${ident(periodChurnersTable(s.period))} AS SELECT ps, label, customer_id, kind FROM ${BUNDLE_PERIOD_CHURNERS}`);
    const logo = toRows<LogoRow>(await qm.query(`SELECT ps, e, label, partial, start, retained, joined_and_lost FROM ${BUNDLE_PERIOD_CHURN} ORDER BY ps`, { cache: false }));
    const basis = get('decide').periodBasis;
    return {
      value: {
        churnByPeriod: assembleChurnRows(logo, null, null),
        churnDefinition: basis === 'subscriptions'
          ? 'customer = has a subscription running that day (start <= day < end)'
          : `customer = purchased within the churn window (W2, ${s.churnDays} days) before that day`,
      },
      notes: [notIn('value and revenue churn per period (contract version 1)')],
    };
  },
  riskScores: async (input, p) => {
    // A bundle without the health score (the Spark job's) gets an empty table of its shape: the
    // customer rows, drills and the 360 join it, and find no tier.
    if (!provides(p, CUSTOMER_RISK_TABLE)) await input.qm.exec(EMPTY_RISK_SQL);
    const available = await availableInBundle(input);
    // The raw tables' row counts are not in the bundle; no step that reads them runs on one.
    const sources = { orders: 0, activity: 0, activityTyped: 0, tickets: 0, ticketsTyped: 0, ticketsWithResponse: 0, ticketsWithSatisfaction: 0, nps: 0 };
    return { sources, available, weights: effectiveWeights(input.s.healthWeights, available) };
  },
  riskModel: given({ value: null, notes: [] }),
  risk: (input, p) => bundleRisk(input, p),
  purchaseClv: given({ summary: null, notes: [notIn('CLV')], method: 'transactions' as const }),
  subscriptionClv: async ({ get }) => get('purchaseClv'),
  clv: given({ value: { clv: null }, notes: [] }),
  interventions: given({ value: null, notes: [notIn('the interventions table')] }),
  // Orders are not in the bundle: no purchase days (the value before silence stays empty).
  screenOrderDays: given(null),
  screenDims: 'run',
  screenPresence: (input) => bundlePresence(input),
  // No order days in a bundle: the value before silence stays empty.
  screenBase: async ({ qm }) => {
    await qm.exec(buildScreenCustomerBaseSql(null));
    return null;
  },
  screen: async ({ qm, s, get }) => {
    await qm.exec(buildChurnersViewSql(s.period, get('churn').value.churnByPeriod !== null));
    // No CLV in a bundle: value is the trailing 12 months'.
    await qm.exec(buildScreenCustomersSql(false));
    return { tables: get('screenPresence'), hasClv: false };
  },
  structural: 'run',
  triggers: given({ value: null, notes: [notIn('key-moment triggers (they read orders, subscriptions and tickets)')] }),
  service: given({ value: null, notes: [notIn('the service diagnosis (it reads tickets)')] }),
  backtest: given({ value: null, notes: [notIn('the back-test (it reads the raw rows)')] }),
  diagnosis: (input) => bundleDiagnosis(input),
};
