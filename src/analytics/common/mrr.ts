/**
 * SQL: the monthly recurring revenue of a `subscriptions` row (alias `alias`). The mrr column when
 * given; otherwise amount spread by billing period (month/quarter/half-year/year, English or
 * Chinese words); otherwise amount spread over the contract's months when both dates are known.
 */
export function mrrSql(alias: string): string {
  const bp = `lower(coalesce(${alias}.billing_period, ''))`;
  return `coalesce(${alias}.mrr, CASE
    WHEN ${alias}.amount IS NULL THEN NULL
    WHEN regexp_matches(${bp}, 'quarter|季') THEN ${alias}.amount / 3
    WHEN regexp_matches(${bp}, 'half|半年') THEN ${alias}.amount / 6
    WHEN regexp_matches(${bp}, 'year|annual|年') THEN ${alias}.amount / 12
    WHEN regexp_matches(${bp}, 'month|月') THEN ${alias}.amount
    WHEN ${alias}.end_date > ${alias}.start_date THEN ${alias}.amount / greatest(1, (${alias}.end_date - ${alias}.start_date) / (365.25 / 12))
    ELSE NULL END)`;
}
