import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import type { Bilingual, Computed, ResolvedSettings } from '../risk/computed';
import { computeRisk, type RiskSummary } from '../risk/computeRisk';
import { STATUS_TABLE } from '../risk/labels';
import { ensureFacts, tableColumns, valueTierTable } from '../risk/tables';
import { computeService, type ServiceDiagnosis } from '../service/computeService';
import type { AliveModel, ChurnRule } from '../settings';
import type { Backtest } from '../backtest/computeBacktest';
import {
  checkBacktestChurned, checkOneSizeFitsAll, checkServiceBeforeChurn, checkSilentAsLost, checkSingleSignal, checkStructuralHidden,
  type Finding, type SilentCounts, type StructuralRow, type TierChurn,
} from './checks';
import { silentCountsSql, tierChurnSql } from './diagnosisSql';
import { findingText } from './findingText';

/** Figures other families already computed; whatever is missing is computed here (structural cannot be). */
export interface DiagnosisInputs {
  structural: StructuralRow[] | null;
  /** The structural family's overall churn rate; derived from the rows when absent. */
  structuralOverallRate?: number | null;
  risk?: RiskSummary | null;
  service?: ServiceDiagnosis | null;
}

/** A finding with its one line in both languages. */
export type DiagnosisFinding = Finding & { text: Bilingual };

async function silentCounts(qm: QueryManager, settings: ResolvedSettings): Promise<SilentCounts | null> {
  const cols = await tableColumns(qm, STATUS_TABLE);
  if (!cols.includes('p_alive') || !cols.includes('status')) return null;
  const threshold = settings.pAliveChurned;
  const [r] = toRows<{ rule_churned: number; with_p_alive: number; still_alive: number; from_status: boolean | null }>(
    await qm.query(silentCountsSql({ hasRule: cols.includes('rule'), churnDays: settings.churnDays, threshold }), { cache: false }),
  );
  return {
    ruleChurned: Number(r.rule_churned),
    withPAlive: Number(r.with_p_alive),
    stillAlive: Number(r.still_alive),
    threshold,
    churnDays: r.from_status ? null : settings.churnDays,
  };
}

async function tierChurn(qm: QueryManager): Promise<TierChurn[] | null> {
  const tiers = await valueTierTable(qm);
  const status = await tableColumns(qm, STATUS_TABLE);
  if (!tiers || !status.includes('status')) return null;
  return toRows<TierChurn>(await qm.query(tierChurnSql(tiers), { cache: false })).map((t) => ({
    tier: String(t.tier),
    customers: Number(t.customers),
    churned: Number(t.churned),
  }));
}

/**
 * The five pitfall checks of the Diagnosis panel, in product.md order, each with a status
 * (flag / ok / na), its figures and one line in Chinese and English. P(alive) "still alive"
 * means at least silent: P(alive) >= settings.pAliveChurned.
 */
export async function computeDiagnosis(
  qm: QueryManager,
  settings: ResolvedSettings,
  inputs: DiagnosisInputs,
): Promise<Computed<DiagnosisFinding[]>> {
  await ensureFacts(qm, settings.asOf);
  const notes: string[] = [];
  const risk = inputs.risk !== undefined ? inputs.risk : (await computeRisk(qm, settings)).value;
  const service = inputs.service !== undefined ? inputs.service : (await computeService(qm, settings)).value;
  const multi = risk
    ? risk.auc.rules !== null
      ? { auc: risk.auc.rules, source: 'rules' as const }
      : { auc: risk.auc.model, source: 'model' as const }
    : null;
  const findings = [
    checkStructuralHidden(inputs.structural, inputs.structuralOverallRate ?? undefined),
    checkSilentAsLost(await silentCounts(qm, settings)),
    checkServiceBeforeChurn(service),
    checkOneSizeFitsAll(await tierChurn(qm)),
    checkSingleSignal(multi, risk?.bestSignal ?? null),
  ];
  for (const f of findings) if (f.status === 'na') notes.push(`Diagnosis ${f.check}: ${findingText(f).en}.`);
  return { value: findings.map((f) => ({ ...f, text: findingText(f) })), notes };
}

/**
 * The back-test's finding with its line in both languages: of the customers the current
 * definition (`rule`, the screen's churn rule) called churned at T0, the share who came back by
 * the as-of date (checks.ts checkBacktestChurned). Null when there is nothing to say.
 */
export function backtestFinding(bt: Backtest | null, rule: ChurnRule, aliveModel: AliveModel = 'bgnbd', chosen = false): DiagnosisFinding | null {
  const f = checkBacktestChurned(bt, rule, aliveModel, chosen);
  return f ? { ...f, text: findingText(f) } : null;
}
