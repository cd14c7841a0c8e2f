import type { QueryManager } from '../../engine/queryManager';
import { ident, lit } from '../../engine/sql';
import { toRows } from '../../engine/rows';
import { CUSTOMER_ATTRIBUTES_TABLE } from '../../ingest/schema';
import { FACTS_TABLE } from '../facts/customerFacts';
import { floatColumn, stringColumn } from './arrowColumns';
import { LABEL_LIKE, numericAttributes } from './modelInputs';

/** Most values a text column may have to become a model factor (as the structural dimensions). */
const MAX_LEVELS = 30;

/** One customer column the snapshot model reads: a number, or a category one-hot encoded. */
export interface SnapshotFactor {
  name: string;
  kind: 'num' | 'cat';
  /** Per customer: the number (NaN when blank) or the category ('' when blank). */
  values: Float64Array | string[];
}

/** The model's design: every customer of the facts table, its label and its factors. */
export interface SnapshotDesign {
  ids: string[];
  /** 1 = churned, 0 = not, NaN = no label. */
  labels: Float64Array;
  factors: SnapshotFactor[];
  /** Model columns: numbers as they are, one 0/1 column per category level. */
  columns: { factor: number; level: string | null; values: Float64Array }[];
}

/** Text customer attributes with 2..30 values, mostly non-numeric and not label-like. */
async function categoricalAttributes(qm: QueryManager): Promise<string[]> {
  const rows = toRows<{ attribute: string }>(await qm.query(
    `SELECT attribute FROM ${CUSTOMER_ATTRIBUTES_TABLE} WHERE attribute IS NOT NULL GROUP BY attribute
     HAVING count(value_num) < 0.5 * count(*) AND count(DISTINCT value_text) BETWEEN 2 AND ${MAX_LEVELS} ORDER BY attribute`,
    { cache: false }));
  return rows.map((r) => r.attribute).filter((a) => !LABEL_LIKE.test(a));
}

function oneHot(factor: number, values: string[]): SnapshotDesign['columns'] {
  const levels = [...new Set(values.filter((v) => v !== ''))].sort();
  return levels.map((level) => ({ factor, level, values: Float64Array.from(values, (v) => (v === level ? 1 : 0)) }));
}

/**
 * The label-only snapshot's model design (risk/snapshotModel.ts): every customer of
 * cw_customer_facts with its churn flag (customers.churned), its numeric attributes, its text
 * attributes of 2..30 values and its monthly value, in customer-id order.
 */
export async function loadSnapshotDesign(qm: QueryManager): Promise<SnapshotDesign> {
  const { attributes: numeric, monthlyValue } = await numericAttributes(qm);
  const categorical = await categoricalAttributes(qm);
  const cols = [
    ...numeric.map((a, i) => `max(a.value_num) FILTER (WHERE a.attribute = ${lit(a)}) AS ${ident('n' + i)}`),
    ...categorical.map((a, i) => `any_value(a.value_text) FILTER (WHERE a.attribute = ${lit(a)}) AS ${ident('c' + i)}`),
  ];
  const t = await qm.query(
    `SELECT f.customer_id, CASE WHEN f.churned_label THEN 1.0 WHEN NOT f.churned_label THEN 0.0 END::DOUBLE AS label,
       CAST(f.monthly_value AS DOUBLE) AS monthly_value${cols.map((c) => ', ' + c).join('')}
     FROM ${FACTS_TABLE} f LEFT JOIN ${CUSTOMER_ATTRIBUTES_TABLE} a USING (customer_id)
     GROUP BY f.customer_id, f.churned_label, f.monthly_value ORDER BY f.customer_id`,
    { cache: false });
  const factors: SnapshotFactor[] = [
    ...numeric.map((name, i) => ({ name, kind: 'num' as const, values: floatColumn(t, 'n' + i) })),
    ...(monthlyValue ? [{ name: 'monthly_value', kind: 'num' as const, values: floatColumn(t, 'monthly_value') }] : []),
    ...categorical.map((name, i) => ({ name, kind: 'cat' as const, values: stringColumn(t, 'c' + i) })),
  ];
  const columns = factors.flatMap((f, i) => (f.kind === 'num'
    ? [{ factor: i, level: null, values: f.values as Float64Array }]
    : oneHot(i, f.values as string[])));
  return { ids: stringColumn(t, 'customer_id'), labels: floatColumn(t, 'label'), factors, columns };
}
