import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { lit } from '../../engine/sql';
import { CUSTOMER_ATTRIBUTES_TABLE } from '../../ingest/schema';
import { STATUS_TABLE } from '../status/statusSql';
import { kaplanMeier, medianDuration, type DurationCount } from '../models/kaplanMeier';
import type { CustomerFilter, TenureCurveData } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { customerFilterSql } from './filterSql';
import { inFilterSql } from './scoped';

/** Names of a tenure column (months as a customer). */
const TENURE_NAME = /^(tenure|tenure_months|months|在网时长|在网月数|客龄)$/i;

/** The customer attribute holding the tenure: a listed name, numeric for most customers; null when none. */
async function tenureAttribute(qm: QueryManager): Promise<string | null> {
  const rows = toRows<{ attribute: string }>(await qm.query(
    `SELECT attribute FROM ${CUSTOMER_ATTRIBUTES_TABLE} WHERE attribute IS NOT NULL GROUP BY attribute
     HAVING count(value_num) >= 0.5 * count(*) AND min(value_num) >= 0 ORDER BY attribute`));
  return rows.map((r) => r.attribute).find((a) => TENURE_NAME.test(a.trim())) ?? null;
}

/** SQL: labelled customers (blank labels left out) per tenure value: customers and churned. */
function durationCountsSql(attribute: string, filter: string | null): string {
  return `SELECT a.value_num AS t, count(*)::INTEGER AS customers, count(*) FILTER (WHERE s.status = 'churned')::INTEGER AS churned
  FROM ${STATUS_TABLE} s JOIN ${CUSTOMER_ATTRIBUTES_TABLE} a ON a.customer_id = s.customer_id AND a.attribute = ${lit(attribute)}
  WHERE NOT s.label_unknown AND a.value_num IS NOT NULL AND ${inFilterSql('s.customer_id', filter)}
  GROUP BY a.value_num ORDER BY a.value_num`;
}

/**
 * The tenure retention curve of a labelled data set (metrics.md section 14): Kaplan-Meier on the
 * tenure column (months as a customer) and the churn label of the filtered customers, a churned
 * customer leaving at its tenure and the others censored at theirs. Null unless the churn rule is
 * 'labeled' and a tenure column exists.
 */
export async function loadTenureCurve(qm: QueryManager, ctx: ScreenContext, filter: CustomerFilter, _lang: ScreenLang): Promise<TenureCurveData | null> {
  if (ctx.churnRule !== 'labeled') return null;
  const attribute = await tenureAttribute(qm);
  if (attribute === null) return null;
  const counts = toRows<DurationCount>(await qm.query(durationCountsSql(attribute, customerFilterSql(filter))));
  const points = kaplanMeier(counts);
  return { attribute, points, median: medianDuration(points) };
}
