import type { QueryManager } from '../../engine/queryManager';
import { toRows } from '../../engine/rows';
import { ident, lit } from '../../engine/sql';
import { FACTS_TABLE } from '../facts/customerFacts';
import { CUSTOMER_RISK_TABLE, SIGNALS } from '../risk/signals';
import { numberTextSql } from '../structural/dimensionsSql';
import type { Customer360, Customer360Detail } from './types';
import type { ScreenContext } from './prepareScreen';
import type { ScreenLang } from './lang';
import { loadCustomerPage } from './customerRows';
import { SCREEN_CUSTOMERS_TABLE } from './screenTables';
import { timelineSql, type TimelineRaw } from './timelineSql';
import { timelineText } from './timelineText';
import { tableExists } from '../common/meta';
import { RISK_MODEL_SCORES_TABLE } from '../risk/snapshotRisk';

/** Customer columns shown as attributes beside the extra ones of customer_attributes. */
const PROFILE_COLUMNS = ['tier', 'segment', 'industry', 'channel'] as const;

/** SQL: the customer's profile columns, then every customer_attributes value, as (name, value). */
function attributesSql(id: string): string {
  const profile = PROFILE_COLUMNS.map((c, i) =>
    `SELECT ${lit(c)} AS name, CAST(${ident(c)} AS VARCHAR) AS value, ${i} AS ord FROM ${FACTS_TABLE} WHERE customer_id = ${id}`);
  return `SELECT name, value FROM (
    ${profile.join('\n    UNION ALL ')}
    UNION ALL SELECT attribute, any_value(coalesce(value_text, ${numberTextSql('value_num')})), 100
    FROM customer_attributes WHERE customer_id = ${id} AND attribute IS NOT NULL GROUP BY attribute
  ) WHERE value IS NOT NULL ORDER BY ord, name`;
}

/**
 * Everything on the customer 360 view: the customer's row (as in the drill list), signup and
 * first-seen dates, P(alive), the health sub-scores keyed by signal (0..1, 1 = healthy), a
 * timeline of orders, tickets, NPS, monthly activity, subscriptions and interventions (newest
 * first, at most 200), the profile and extra attributes, and a labelled snapshot's model P(churn).
 * Null for an unknown customer.
 */
export async function loadCustomer360(qm: QueryManager, ctx: ScreenContext, customerId: string, lang: ScreenLang): Promise<Customer360 | null> {
  const id = lit(customerId);
  const [row] = await loadCustomerPage(qm, { where: `c.customer_id = ${id}`, orderBy: (t) => `${t}.customer_id`, limit: 1 }, lang);
  if (!row) return null;
  const [extra] = toRows<{ signup_date: string | null; first_seen_date: string | null; p_alive: number | null }>(await qm.query(
    `SELECT signup_date, first_seen_date, p_alive FROM ${SCREEN_CUSTOMERS_TABLE} WHERE customer_id = ${id}`));
  const [scores] = toRows<Record<string, number | null>>(await qm.query(
    `SELECT ${SIGNALS.map((s) => `CAST(${ident(s.column)} AS DOUBLE) AS ${ident(s.key)}`).join(', ')} FROM ${CUSTOMER_RISK_TABLE} WHERE customer_id = ${id}`));
  const subScores: Record<string, number | null> = Object.fromEntries(SIGNALS.map((s) => [s.key, scores?.[s.key] ?? null]));
  const attributes = toRows<{ name: string; value: string }>(await qm.query(attributesSql(id)));
  const base = { row, signupDate: extra.signup_date, firstSeen: extra.first_seen_date, pAlive: extra.p_alive, subScores, attributes };
  if (ctx.bundle) {
    // A facts bundle carries the per-customer tables, not the rows behind them: no timeline, no
    // extra attributes, no CLV, no value before silence. A model's tiers keep their probability in
    // the score (100 x (1 - P), rounded to 0.1), so P comes back from it to 0.001.
    const pChurn = ctx.families.risk?.tierModel && row.score !== null ? Math.round(1000 * (1 - row.score / 100)) / 1000 : null;
    const notInBundle: Customer360Detail[] = ['timeline', 'attributes', 'clv', 'valueBeforeSilence'];
    return { ...base, timeline: [], pChurn, notInBundle };
  }
  const timeline = toRows<TimelineRaw>(await qm.query(timelineSql(customerId, ctx.asOf)))
    .map((r) => ({ date: r.date, kind: r.kind, text: timelineText(r, lang), amount: r.amount }));
  const [model] = (await tableExists(qm, RISK_MODEL_SCORES_TABLE))
    ? toRows<{ p: number | null }>(await qm.query(`SELECT p FROM ${RISK_MODEL_SCORES_TABLE} WHERE customer_id = ${id}`))
    : [];
  return { ...base, timeline, pChurn: model?.p ?? null };
}
