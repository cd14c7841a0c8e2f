import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { QueryManager } from '../../engine/queryManager';
import { dbl } from '../common/dbl';
import { f64Column } from '../common/arrow';
import { FACTS_TABLE } from '../facts/customerFacts';
import type { BgNbdParams } from '../models/bgnbd';
import { bgnbdExpectedPurchases } from '../models/bgnbd';
import type { GammaGammaParams } from '../models/gammaGamma';
import { repeatSpendSql } from '../models/modelInputsSql';
import { CLV_PURCHASES_TABLE, CLV_TABLE } from './clvTable';
import { discountedExpectedPurchases, monthlyDiscountRate, WEEKS_PER_MONTH } from './discount';

/** SQL: Gamma-Gamma expected average spend from columns x and m (population mean when x = 0). */
export function expectedSpendSql(gg: GammaGammaParams, x: string, m: string): string {
  const [p, q, v] = [dbl(gg.p), dbl(gg.q), dbl(gg.v)];
  const pop = `(${v} * ${p} / (${q} - 1))`;
  return `CASE WHEN coalesce(${x}, 0) > 0 AND ${m} IS NOT NULL
    THEN (1 - ${p} * ${x} / (${p} * ${x} + ${q} - 1)) * ${pop} + ${p} * ${x} / (${p} * ${x} + ${q} - 1) * ${m}
    ELSE ${pop} END`;
}

/**
 * Builds cw_customer_clv for transactions: CLV = Gamma-Gamma expected spend per purchase x
 * BG/NBD expected purchases month by month over `horizonMonths`, discounted monthly at the rate
 * equivalent to `annualRate`. Expected purchases are computed once per distinct (x, t_x, T).
 */
export async function buildTransactionalClv(qm: QueryManager, asOf: string, bg: BgNbdParams, gg: GammaGammaParams,
  horizonMonths: number, annualRate: number): Promise<void> {
  const hist = await qm.query(`SELECT DISTINCT CAST(bg_x AS DOUBLE) AS x, CAST(bg_tx AS DOUBLE) AS tx, CAST(bg_T AS DOUBLE) AS "T"
    FROM ${FACTS_TABLE} WHERE bg_T IS NOT NULL`, { cache: false });
  const x = f64Column(hist, 'x');
  const tx = f64Column(hist, 'tx');
  const T = f64Column(hist, 'T');
  const rate = monthlyDiscountRate(annualRate);
  const dp = new Float64Array(x.length);
  const ep = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    dp[i] = discountedExpectedPurchases(bg, x[i], tx[i], T[i], horizonMonths, rate);
    ep[i] = bgnbdExpectedPurchases(bg, horizonMonths * WEEKS_PER_MONTH, x[i], tx[i], T[i]);
  }
  await qm.exec(`DROP TABLE IF EXISTS ${CLV_PURCHASES_TABLE}`);
  const ipc = tableToIPC(tableFromArrays({ x, tx, T, dp, ep }), 'stream');
  await qm.exclusive((c) => c.insertArrowIPC(CLV_PURCHASES_TABLE, ipc, true));
  await qm.exec(`CREATE OR REPLACE TABLE ${CLV_TABLE} AS
    SELECT f.customer_id, 'transactions' AS method, u.ep AS expected_purchases, u.dp AS discounted_purchases,
      ${expectedSpendSql(gg, 'rs.x', 'rs.m')} AS expected_spend,
      u.dp * ${expectedSpendSql(gg, 'rs.x', 'rs.m')} AS clv
    FROM ${FACTS_TABLE} f
    JOIN ${CLV_PURCHASES_TABLE} u ON CAST(f.bg_x AS DOUBLE) = u.x AND CAST(f.bg_tx AS DOUBLE) = u.tx AND CAST(f.bg_T AS DOUBLE) = u."T"
    LEFT JOIN (${repeatSpendSql(asOf)}) rs ON rs.customer_id = f.customer_id`);
}
