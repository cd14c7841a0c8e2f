/**
 * The names of the per-customer tables the status and risk builders read and write. The screen
 * uses SCREEN_TABLES; the back-test (backtest/) builds the same tables as of an earlier date under
 * its own names, so the same SQL runs without touching the screen's tables.
 */
export interface DerivedTables {
  facts: string;
  value: string;
  status: string;
  riskSignals: string;
  customerRisk: string;
  /** Pareto/NBD P(alive) per distinct (x, t_x, T) history (status/paretoAlive.ts), when status reads that model. */
  paretoAlive: string;
}

export const SCREEN_TABLES: Readonly<DerivedTables> = {
  facts: 'cw_customer_facts',
  value: 'cw_customer_value',
  status: 'cw_customer_status',
  riskSignals: 'cw_risk_signals',
  customerRisk: 'cw_customer_risk',
  paretoAlive: 'cw_pareto_alive',
};

/** The same tables under `prefix` (cw_bt_ -> cw_bt_customer_facts, ...). */
export function prefixedTables(prefix: string): DerivedTables {
  const strip = (name: string) => prefix + name.replace(/^cw_/, '');
  return {
    facts: strip(SCREEN_TABLES.facts), value: strip(SCREEN_TABLES.value), status: strip(SCREEN_TABLES.status),
    riskSignals: strip(SCREEN_TABLES.riskSignals), customerRisk: strip(SCREEN_TABLES.customerRisk),
    paretoAlive: strip(SCREEN_TABLES.paretoAlive),
  };
}
