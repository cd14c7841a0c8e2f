import { FACTS_TABLE } from '../facts/customerFacts';
import { dateLit } from '../../engine/sql';

/**
 * SQL: BG/NBD inputs from cw_customer_facts grouped by identical history (x, tx, T in weeks) with
 * the number of customers n sharing it, so the likelihood is evaluated once per distinct history.
 */
export function bgnbdInputSql(facts: string = FACTS_TABLE): string {
  return `SELECT CAST(bg_x AS DOUBLE) AS x, CAST(bg_tx AS DOUBLE) AS tx, CAST(bg_T AS DOUBLE) AS "T", count(*)::DOUBLE AS n
    FROM ${facts} WHERE bg_T IS NOT NULL GROUP BY ALL ORDER BY ALL`;
}

/**
 * SQL: per buyer, x = purchase days after the first (as BG/NBD counts them) and m = the average
 * spend of those repeat days (a day's orders summed; the first day left out, as the Gamma-Gamma
 * model is fitted on repeat transactions). Table alias-free subquery with columns customer_id, x, m.
 */
export function repeatSpendSql(asOf: string): string {
  return `SELECT customer_id, CAST(count(*) FILTER (WHERE rn > 1) AS DOUBLE) AS x, CAST(avg(amt) FILTER (WHERE rn > 1) AS DOUBLE) AS m
    FROM (
      SELECT customer_id, day, amt, row_number() OVER (PARTITION BY customer_id ORDER BY day) AS rn
      FROM (SELECT customer_id, CAST(order_date AS DATE) AS day, sum(coalesce(amount, 0)) AS amt FROM orders
            WHERE customer_id IS NOT NULL AND NOT coalesce(is_return, false) AND CAST(order_date AS DATE) <= ${dateLit(asOf)}
            GROUP BY 1, 2)
    ) GROUP BY customer_id`;
}

/** SQL: Gamma-Gamma fit inputs, repeat buyers with positive average spend grouped by (x, m) with weight n. */
export function gammaGammaInputSql(asOf: string): string {
  return `SELECT x, m, count(*)::DOUBLE AS n FROM (${repeatSpendSql(asOf)}) WHERE x > 0 AND m > 0 GROUP BY ALL ORDER BY ALL`;
}
