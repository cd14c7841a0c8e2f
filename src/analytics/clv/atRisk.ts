import { ident } from '../../engine/sql';
import { STATUS_TABLE } from '../status/statusSql';
import { CLV_TABLE } from './clvTable';

/**
 * Where the red customers come from (the risk module): a table with a customer_id column, or a
 * SELECT returning customer_id built by application code (never user text).
 */
export type RedCustomers = { table: string } | { subquery: string };

function redIdsSql(red: RedCustomers): string {
  return 'table' in red ? `SELECT customer_id FROM ${ident(red.table)}` : red.subquery;
}

/**
 * SQL: at-risk value = sum of the CLV of red customers (basis 'clv'), or of their trailing
 * 12-month value when no CLV table is given (basis 'value_12m'). Columns: value, customers.
 */
export function atRiskSql(red: RedCustomers, basis: 'clv' | 'value_12m'): string {
  const source = basis === 'clv' ? `SELECT customer_id, clv AS v FROM ${CLV_TABLE}` : `SELECT customer_id, value_12m AS v FROM ${STATUS_TABLE}`;
  return `SELECT CAST(coalesce(sum(src.v), 0) AS DOUBLE) AS value, count(DISTINCT r.customer_id)::INTEGER AS customers
    FROM (SELECT DISTINCT customer_id FROM (${redIdsSql(red)})) r LEFT JOIN (${source}) src ON src.customer_id = r.customer_id`;
}
