/** SQL: ids of the customers currently in the red tier (diffed across refreshes: "newly red"). */
export function redCustomerIdsSql(): string {
  return `SELECT customer_id FROM cw_customer_risk WHERE tier = 'red'`;
}
