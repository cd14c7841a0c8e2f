import type { QueryManager } from '../../engine/queryManager';
import { ident, lit } from '../../engine/sql';
import { toRows } from '../../engine/rows';
import { CUSTOMER_ATTRIBUTES_TABLE } from '../../ingest/schema';
import { FACTS_TABLE } from '../facts/customerFacts';
import { floatColumn, stringColumn } from './arrowColumns';
import type { FeatureColumn } from './evaluate';
import { labelsSql, type LabelSource } from './labels';
import { CUSTOMER_RISK_TABLE, SIGNALS, type SignalKey } from './signals';

/** Attribute names that are (or restate) the label: using them as features would leak it. */
export const LABEL_LIKE = /churn|流失|exited|attrition|status|状态|label|标签/i;

/** Labeled customers with their features, ready for evaluateWarning. */
export interface ModelInputs {
  ids: string[];
  labels: Float64Array;
  features: FeatureColumn[];
  ruleRisk: Float64Array | null;
}

/** Signal sub-scores (low = risky) of labeled customers, with the rule risk 100 - score. */
export async function signalModelInputs(qm: QueryManager, source: LabelSource, signals: SignalKey[]): Promise<ModelInputs> {
  const specs = SIGNALS.filter((s) => signals.includes(s.key));
  const t = await qm.query(
    `SELECT l.customer_id, l.label, 100 - r.score AS rule_risk${specs.map((s) => `, r.${s.column}`).join('')}
     FROM (${labelsSql(source)}) l JOIN ${CUSTOMER_RISK_TABLE} r USING (customer_id) ORDER BY l.customer_id`,
    { cache: false },
  );
  return {
    ids: stringColumn(t, 'customer_id'),
    labels: floatColumn(t, 'label'),
    features: specs.map((s) => ({ name: s.key, values: floatColumn(t, s.column), direction: -1 as const })),
    ruleRisk: floatColumn(t, 'rule_risk'),
  };
}

/** Numeric customer attributes (mostly filled, not label-like) and whether monthly_value has data. */
export async function numericAttributes(qm: QueryManager): Promise<{ attributes: string[]; monthlyValue: boolean }> {
  const rows = toRows<{ attribute: string }>(
    await qm.query(
      `SELECT attribute FROM ${CUSTOMER_ATTRIBUTES_TABLE} WHERE attribute IS NOT NULL
       GROUP BY attribute HAVING count(value_num) > 0 AND count(value_num) >= 0.5 * count(*) ORDER BY attribute`,
      { cache: false },
    ),
  );
  const [mv] = toRows<{ n: number }>(await qm.query(`SELECT count(monthly_value) AS n FROM ${FACTS_TABLE}`, { cache: false }));
  return { attributes: rows.map((r) => r.attribute).filter((a) => !LABEL_LIKE.test(a)), monthlyValue: Number(mv.n) > 0 };
}

/**
 * For a label-only snapshot (no behaviour, e.g. Telco): numeric customer attributes and the
 * monthly value as features. Their risk direction is unknown, so it is learnt on training rows.
 */
export async function snapshotModelInputs(
  qm: QueryManager,
  source: LabelSource,
  attributes: string[],
  monthlyValue: boolean,
): Promise<ModelInputs> {
  const cols = attributes.map((a, i) => `max(a.value_num) FILTER (WHERE a.attribute = ${lit(a)}) AS ${ident('f' + i)}`);
  if (monthlyValue) cols.push('any_value(f.monthly_value) AS monthly_value');
  const t = await qm.query(
    `SELECT l.customer_id, l.label${cols.map((c) => ', ' + c).join('')}
     FROM (${labelsSql(source)}) l
     LEFT JOIN ${FACTS_TABLE} f USING (customer_id)
     LEFT JOIN ${CUSTOMER_ATTRIBUTES_TABLE} a USING (customer_id)
     GROUP BY l.customer_id, l.label ORDER BY l.customer_id`,
    { cache: false },
  );
  const features: FeatureColumn[] = attributes.map((a, i) => ({ name: a, values: floatColumn(t, 'f' + i), direction: 0 }));
  if (monthlyValue) features.push({ name: 'monthly_value', values: floatColumn(t, 'monthly_value'), direction: 0 });
  return { ids: stringColumn(t, 'customer_id'), labels: floatColumn(t, 'label'), features, ruleRisk: null };
}
