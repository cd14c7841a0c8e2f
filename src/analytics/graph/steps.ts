import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { AliveModel, AnalyticsSettings } from '../settings';
import type { ResolvedSettings } from '../prepare';
import { resolveAsOf } from '../asOf';
import { buildCustomerFacts } from '../facts/customerFacts';
import { dataPresenceSql, type DataPresence } from '../status/dataPresence';
import { pickChurnRule } from '../status/pickRule';
import { periodBasisFor, valueBasisFor, type PeriodBasis, type ValueBasis } from '../status/basis';
import { buildStatusSql } from '../status/statusSql';
import { buildCustomerValueSql } from '../status/customerValueSql';
import { buildSpellsSql } from '../status/spellsSql';
import { buildRfmSql } from '../rfm/rfmSql';
import { buildValueTierSql } from '../rfm/valueTierSql';
import type { BgNbdFit } from '../models/bgnbd';
import type { GammaGammaFit } from '../models/gammaGamma';
import { fitBgNbdFromFacts, fitGammaGammaFromOrders, fitParetoNbdFromFacts, MIN_REPEAT_BUYERS_FOR_FIT } from '../models/fitFromData';
import type { ParetoNbdFit } from '../models/paretoNbd';
import { writeParetoAliveTable } from '../status/paretoAlive';
import { SCREEN_TABLES } from '../common/tableNames';
import { modelMetaEntries } from '../models/storedModels';
import { tableExists, writeMetaSql, type MetaValue } from '../common/meta';
import type { ChurnRule } from '../settings';
import { computeChurn, type ChurnByPeriodResult } from '../churn/computeChurn';
import { computeStructural, type StructuralResult } from '../structural/computeStructural';
import { buildRiskTables, computeRisk, type RiskSummary, type RiskTables } from '../risk/computeRisk';
import { buildSnapshotRisk, RISK_MODEL_SCORES_TABLE, type SnapshotRiskModel } from '../risk/snapshotRisk';
import { ident } from '../../engine/sql';
import { buildPurchaseClv, buildSubscriptionClv, summarizeClv, type ClvBuild, type ClvSummary } from '../clv/computeClv';
import { CLV_TABLE } from '../clv/clvTable';
import { computeTriggers } from '../triggers/computeTriggers';
import type { TriggerCount } from '../triggers/kinds';
import { computeService, type ServiceDiagnosis } from '../service/computeService';
import { computeInterventions, type InterventionsSummary } from '../interventions/computeInterventions';
import { computeDiagnosis, type DiagnosisFinding } from '../diagnosis/computeDiagnosis';
import { computeBacktest, type Backtest } from '../backtest/computeBacktest';
import { redCustomerIdsSql } from '../screen/changes';
import { tablePresenceSql, type TablePresence } from '../screen/presence';
import { buildCustomerDimsSql } from '../structural/dimensionsSql';
import { buildChurnersViewSql, buildOrderDaysSql, buildScreenCustomerBaseSql, buildScreenCustomersSql, buildScreenDimsSql } from '../screen/screenTables';

/** What a step gets: the engine, the settings (as-of resolved after the asOf step), its dependencies' results. */
export interface StepInput {
  qm: QueryManager;
  /** The settings as given (the asOf step reads them; every other step reads `s`). */
  raw: AnalyticsSettings;
  /** The settings with the as-of date resolved. */
  s: ResolvedSettings;
  today?: string;
  /** The result of a step this one depends on. */
  get<K extends StepId>(id: K): StepResults[K];
}

/** A result with the notes the screen and the CLI show. */
export interface Noted<T> {
  value: T;
  notes: string[];
}

/** The decisions the data and settings make: the churn rule, and what "customer" and "value" are measured in. */
export interface Decisions {
  rule: ChurnRule;
  ruleReason: string;
  periodBasis: PeriodBasis;
  valueBasis: ValueBasis;
  /** Why the requested rule could not be used (null when it could). */
  pickNote: string | null;
  /** Why model mode fell back to the rule windows (null when it did not). */
  fallbackNote: string | null;
  /** Model mode's P(alive) model (BG/NBD under every other rule). */
  aliveModel: AliveModel;
  /** Who chose the rule: the data, the user, or the back-test (settings.definitionPick). */
  source: 'auto' | 'settings' | 'backtest';
}

/** Each step's result (stored with the step, so a step that need not run hands back the same). */
export interface StepResults {
  asOf: { asOf: string; source: 'settings' | 'data' | 'today'; notes: string[] };
  facts: null;
  presence: DataPresence;
  fits: { bgnbd: BgNbdFit | null; gammaGamma: GammaGammaFit | null; notes: string[] };
  decide: Decisions;
  paretoFit: Noted<ParetoNbdFit | null>;
  value: null;
  status: null;
  spells: null;
  rfm: null;
  valueTier: null;
  dims: null;
  meta: null;
  churn: Noted<Omit<ChurnByPeriodResult, 'notes'>>;
  structural: Noted<Omit<StructuralResult, 'notes'>>;
  riskScores: RiskTables;
  riskModel: Noted<SnapshotRiskModel | null>;
  purchaseClv: ClvBuild;
  subscriptionClv: ClvBuild;
  risk: Noted<RiskSummary | null>;
  clv: Noted<{ clv: ClvSummary | null }>;
  triggers: Noted<TriggerCount[] | null>;
  service: Noted<ServiceDiagnosis | null>;
  interventions: Noted<InterventionsSummary | null>;
  backtest: Noted<Backtest | null>;
  diagnosis: Noted<DiagnosisFinding[] | null>;
  screenOrderDays: null;
  screenDims: null;
  screenPresence: TablePresence;
  screenBase: null;
  screen: { tables: TablePresence; hasClv: boolean };
}

/** A step's id. */
export type StepId = keyof StepResults;

/** One step of a build: what it writes, which steps' output it reads, and how it runs. */
export interface Step<K extends StepId = StepId> {
  id: K;
  /** Tables (and views) it (re)creates. */
  writes: readonly string[];
  /** Steps whose tables or results it reads: when one of them reran, so does this one. */
  deps: readonly StepId[];
  /**
   * The deps this run reads when the decisions narrow them (a subset of `deps`): the spells of the
   * subscriptions basis read no status, so a churn-window change keeps them and the churn series.
   */
  liveDeps?(get: StepInput['get']): readonly StepId[];
  run(input: StepInput): Promise<StepResults[K]>;
}

const noted = <T extends { notes: string[] }>(part: T): Noted<Omit<T, 'notes'>> => {
  const { notes, ...value } = part;
  return { value, notes };
};
const asNoted = <T>(part: { value: T | null; notes: string[] }): Noted<T | null> => ({ value: part.value, notes: part.notes });

/**
 * The screen's build as a dependency graph, in the order it runs: which table each step writes,
 * which steps it reads, and (recorded as it runs, see trackSettings) which settings it reads. The
 * runner (runGraph.ts) reruns a step only when the analytics code, the rows (through asOf), one of
 * its settings or one of its dependencies changed: a W2 change reruns status and what reads it,
 * never the facts, RFM scores or model fits. src/analytics/README.md has the table of it.
 */
export const SCREEN_STEPS: readonly Step[] = [
  { id: 'asOf', writes: [], deps: [], run: async ({ qm, raw, today }) => {
    const { asOf, source } = await resolveAsOf(qm, raw, today);
    return { asOf, source, notes: source === 'today' ? [`the data has no dates; as-of = today (${asOf})`] : [] };
  } },
  { id: 'facts', writes: ['cw_customer_facts'], deps: ['asOf'], run: async ({ qm, s }) => {
    await buildCustomerFacts(qm, s.asOf);
    return null;
  } },
  { id: 'presence', writes: [], deps: ['facts'], run: async ({ qm, s }) => toRows<DataPresence>(await qm.query(dataPresenceSql(s.asOf), { cache: false }))[0] },
  { id: 'fits', writes: [], deps: ['presence'], run: async ({ qm, s, get }) => {
    const presence = get('presence');
    const notes: string[] = [];
    const fittable = presence.repeatBuyers >= MIN_REPEAT_BUYERS_FOR_FIT;
    if (presence.repeatBuyers > 0 && !fittable) {
      notes.push(`${presence.repeatBuyers} repeat customers are too few to fit BG/NBD and Gamma-Gamma (at least ${MIN_REPEAT_BUYERS_FOR_FIT})`);
    }
    const bgnbd = fittable ? await fitBgNbdFromFacts(qm) : null;
    const gammaGamma = fittable ? await fitGammaGammaFromOrders(qm, s.asOf) : null;
    if (bgnbd && !bgnbd.converged) notes.push('the BG/NBD fit did not fully converge');
    return { bgnbd, gammaGamma, notes };
  } },
  { id: 'decide', writes: [], deps: ['presence', 'fits'], run: async ({ s, get }) => {
    const presence = get('presence');
    const pick = pickChurnRule(presence, s);
    let rule = pick.rule;
    let ruleReason = pick.reason;
    let fallbackNote: string | null = null;
    if (rule === 'model' && !get('fits').bgnbd) {
      rule = 'rule';
      ruleReason = 'BG/NBD could not be fitted; silent/churn windows';
      fallbackNote = 'model mode needs a BG/NBD fit; using the rule windows';
    }
    const aliveModel: AliveModel = rule === 'model' ? pick.aliveModel : 'bgnbd';
    return {
      rule, ruleReason, periodBasis: periodBasisFor(rule, presence), valueBasis: valueBasisFor(presence), pickNote: pick.note, fallbackNote, aliveModel,
      source: pick.source,
    };
  } },
  // Pareto/NBD is fitted for the screen only when model mode reads it (the report fits it apart),
  // with its P(alive) per distinct history: a churn-window change then reruns status, not these.
  { id: 'paretoFit', writes: [SCREEN_TABLES.paretoAlive], deps: ['facts', 'decide'], run: async ({ qm, get }) => {
    if (get('decide').aliveModel !== 'paretoNbd') return { value: null, notes: [] };
    const fit = await fitParetoNbdFromFacts(qm);
    if (fit) await writeParetoAliveTable(qm, fit);
    return { value: fit, notes: fit && !fit.converged ? ['the Pareto/NBD fit did not fully converge'] : [] };
  } },
  { id: 'value', writes: ['cw_customer_value'], deps: ['decide', 'facts'], run: async ({ qm, s, get }) => {
    await qm.exec(buildCustomerValueSql(s.asOf, get('decide').valueBasis));
    return null;
  } },
  { id: 'status', writes: ['cw_customer_status'], deps: ['decide', 'fits', 'paretoFit', 'facts', 'value'], run: async ({ qm, s, get }) => {
    const d = get('decide');
    const paretoNbd = get('paretoFit').value;
    await qm.exec(buildStatusSql({ asOf: s.asOf, rule: d.rule, settings: s, bgnbd: get('fits').bgnbd, paretoNbd }));
    return null;
  } },
  // Only the orders basis reads status (each customer's W2); the subscriptions basis reads the
  // subscriptions and the customers of the facts, so the churn windows leave it as it is.
  { id: 'spells', writes: ['cw_customer_spells'], deps: ['status', 'decide', 'facts'],
    liveDeps: (get) => (get('decide').periodBasis === 'orders' ? ['status', 'decide', 'facts'] : ['decide', 'facts']), run: async ({ qm, s, get }) => {
    await qm.exec(buildSpellsSql(get('decide').periodBasis, s.asOf));
    return null;
  } },
  { id: 'rfm', writes: ['cw_customer_rfm'], deps: ['facts'], run: async ({ qm }) => {
    await qm.exec(buildRfmSql());
    return null;
  } },
  { id: 'valueTier', writes: ['cw_customer_value_tier'], deps: ['value', 'facts', 'decide'], run: async ({ qm, s, get }) => {
    await qm.exec(buildValueTierSql(get('decide').valueBasis, s.asOf));
    return null;
  } },
  // Every customer's value per dimension: no status, so a churn-window change keeps it.
  { id: 'dims', writes: ['cw_customer_dims'], deps: ['facts', 'rfm', 'valueTier'], run: async ({ qm, s }) => {
    await qm.exec(buildCustomerDimsSql(s.asOf));
    return null;
  } },
  { id: 'meta', writes: ['cw_analytics_meta'], deps: ['asOf', 'decide', 'fits'], run: async ({ qm, get }) => {
    const a = get('asOf');
    const d = get('decide');
    const f = get('fits');
    const meta: Record<string, MetaValue> = {
      asOf: a.asOf, asOfSource: a.source, churnRule: d.rule, ruleReason: d.ruleReason, periodBasis: d.periodBasis, valueBasis: d.valueBasis, aliveModel: d.aliveModel,
      ...modelMetaEntries(f.bgnbd, f.gammaGamma),
    };
    await qm.exec(writeMetaSql(meta));
    return null;
  } },
  // The churn series reads the spells (which carry status where the basis needs it), never status.
  { id: 'churn', writes: ['cw_period_churners_<period>'], deps: ['spells', 'meta'], run: async ({ qm, s }) => noted(await computeChurn(qm, s)) },
  { id: 'riskScores', writes: ['cw_risk_signals', 'cw_customer_risk'], deps: ['facts'], run: async ({ qm, s }) => buildRiskTables(qm, s) },
  // A label-only snapshot has no health score: the model fitted on the labels tiers it instead,
  // rewriting cw_customer_risk (so every step reading that table reads this step).
  { id: 'riskModel', writes: [RISK_MODEL_SCORES_TABLE, 'cw_customer_risk'], deps: ['riskScores', 'facts'], run: async ({ qm, s, get }) => {
    const noSignals = Object.values(get('riskScores').weights).every((w) => !(w > 0));
    await qm.exec(`DROP TABLE IF EXISTS ${ident(RISK_MODEL_SCORES_TABLE)}`);
    if (!noSignals) return { value: null, notes: [] };
    const { model, note } = await buildSnapshotRisk(qm, { red: s.modelRedAt, amber: s.modelAmberAt });
    return { value: model, notes: note ? [note] : [] };
  } },
  { id: 'risk', writes: [], deps: ['riskScores', 'riskModel', 'facts', 'status', 'meta'], run: async ({ qm, s, get }) =>
    asNoted(await computeRisk(qm, s, get('riskScores'), get('riskModel').value)) },
  // CLV in three steps so a churn-window change keeps the purchase models' CLV (it reads no
  // status); only subscription CLV (ARPA / churn) and the value at risk of red customers read it.
  { id: 'purchaseClv', writes: ['cw_customer_clv', 'cw_clv_purchases'], deps: ['fits', 'facts', 'meta'], run: async ({ qm, s }) => buildPurchaseClv(qm, s) },
  { id: 'subscriptionClv', writes: ['cw_customer_clv'], deps: ['purchaseClv', 'status', 'spells', 'meta'], run: async ({ qm, get }) => buildSubscriptionClv(qm, get('purchaseClv')) },
  { id: 'clv', writes: [], deps: ['subscriptionClv', 'riskScores', 'riskModel', 'risk'], run: async ({ qm, get }) => {
    const risk = get('risk').value;
    const redCustomers = risk && risk.red !== null ? { subquery: redCustomerIdsSql() } : undefined;
    return noted(await summarizeClv(qm, get('subscriptionClv'), { redCustomers }));
  } },
  { id: 'interventions', writes: ['cw_intervention_customers'], deps: ['riskScores', 'riskModel', 'facts', 'valueTier', 'meta'], run: async ({ qm, s }) => asNoted(await computeInterventions(qm, s)) },
  // The purchase days read orders up to the as-of date only: a settings change keeps them.
  { id: 'screenOrderDays', writes: ['cw_screen_order_days'], deps: ['facts'], run: async ({ qm, s }) => {
    await qm.exec(buildOrderDaysSql(s.asOf));
    return null;
  } },
  // The screen's dimension table and which tables have rows read no status: a settings change
  // of the churn windows keeps them.
  { id: 'screenDims', writes: ['cw_screen_customer_dims'], deps: ['dims', 'facts', 'decide'], run: async ({ qm, s, get }) => {
    await qm.exec(buildScreenDimsSql(s.period, get('decide').periodBasis));
    return null;
  } },
  { id: 'screenPresence', writes: [], deps: ['facts', 'rfm'], run: async ({ qm, s }) => toRows<TablePresence>(await qm.query(tablePresenceSql(s.asOf), { cache: false }))[0] },
  // The customer rows' columns no churn window moves (health and value tiers, the value before
  // silence, the play tier): a W2 change keeps them and the screen step only joins status to them.
  { id: 'screenBase', writes: ['cw_screen_customer_base'], deps: ['facts', 'riskScores', 'riskModel', 'valueTier', 'decide', 'screenOrderDays'], run: async ({ qm, get }) => {
    await qm.exec(buildScreenCustomerBaseSql(get('decide').valueBasis));
    return null;
  } },
  { id: 'screen', writes: ['cw_screen_period_churners', 'cw_screen_customers'],
    deps: ['status', 'facts', 'rfm', 'valueTier', 'riskScores', 'riskModel', 'subscriptionClv', 'clv', 'churn', 'decide', 'screenOrderDays', 'screenDims', 'screenPresence', 'screenBase'], run: async ({ qm, s, get }) => {
      const hasClv = await tableExists(qm, CLV_TABLE);
      await qm.exec(buildChurnersViewSql(s.period, get('churn').value.churnByPeriod !== null));
      await qm.exec(buildScreenCustomersSql(hasClv));
      return { tables: get('screenPresence'), hasClv };
    } },
  // The families no KPI reads run last, after the screen's own tables: the app draws the KPIs
  // before them (LATE_STEPS; prepareScreen's onKpisReady).
  { id: 'structural', writes: [], deps: ['status', 'dims', 'meta'], run: async ({ qm, s }) => noted(await computeStructural(qm, s)) },
  { id: 'triggers', writes: ['cw_triggers'], deps: ['riskScores', 'riskModel', 'facts', 'meta'], run: async ({ qm, s }) => asNoted(await computeTriggers(qm, s)) },
  { id: 'service', writes: [], deps: ['facts', 'status', 'meta'], run: async ({ qm, s }) => asNoted(await computeService(qm, s)) },
  // The back-test rebuilds facts, value, status and risk as of T0 into cw_bt_* tables it drops
  // again (no screen table): it reads the rows, the decisions and the settings it is given (the
  // churn windows and P(alive) cut-offs through status, the health weights through risk).
  { id: 'backtest', writes: [], deps: ['asOf', 'decide'], run: async ({ qm, s, get }) => {
    const d = get('decide');
    return asNoted(await computeBacktest(qm, s, d.rule, d.valueBasis, d.aliveModel));
  } },
  { id: 'diagnosis', writes: [], deps: ['structural', 'riskScores', 'riskModel', 'risk', 'service', 'facts', 'status', 'valueTier', 'meta'], run: async ({ qm, s, get }) => {
    const structural = get('structural').value;
    return asNoted(await computeDiagnosis(qm, s, {
      structural: structural.structural,
      structuralOverallRate: structural.structuralOverall?.rate ?? null,
      risk: get('risk').value,
      service: get('service').value,
    }));
  } },
];

/** The families no KPI reads (structural churn, triggers, service, back-test, diagnosis): the app draws the KPIs before they run. */
export const LATE_STEPS: readonly StepId[] = ['structural', 'triggers', 'service', 'backtest', 'diagnosis'];

/**
 * Steps the screen is drawn without, then completed: the back-test recomputes every status as of
 * T0 (2-3 s on the demo) and only the settings tab and one diagnosis line read it.
 */
export const DEFERRED_STEPS: readonly StepId[] = ['backtest'];

/** The steps only the screen needs (its drill tables); the CLI report leaves them out. */
export const SCREEN_ONLY_STEPS: readonly StepId[] = ['screenOrderDays', 'screenDims', 'screenPresence', 'screenBase', 'screen'];

/** The steps prepareAnalytics runs: everything the metric families read, before the families. */
export const PREPARE_STEPS: readonly StepId[] = ['asOf', 'facts', 'presence', 'fits', 'decide', 'paretoFit', 'value', 'status', 'spells', 'rfm', 'valueTier', 'dims', 'meta'];
