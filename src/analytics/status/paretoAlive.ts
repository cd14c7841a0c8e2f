import type { QueryManager } from '../../engine/queryManager';
import { f64Column } from '../common/arrow';
import { writeTable } from '../common/writeTable';
import { paretoNbdPAlive, type ParetoNbdParams } from '../models/paretoNbd';
import { SCREEN_TABLES, type DerivedTables } from '../common/tableNames';

/** SQL: the join condition of a P(alive) table (alias `pa`) to the facts' history (alias `f`), on the DOUBLE values it was written from. */
export function paretoAliveJoinSql(pa: string, f: string): string {
  return `${pa}.x = CAST(${f}.bg_x AS DOUBLE) AND ${pa}.tx = CAST(${f}.bg_tx AS DOUBLE) AND ${pa}."T" = CAST(${f}.bg_T AS DOUBLE)`;
}

/**
 * Writes Pareto/NBD P(alive) once per distinct (x, t_x, T) history of the facts into
 * `tables.paretoAlive`: the model has no closed form SQL could evaluate (a 2F1 series, or the
 * limit model's quadrature), so it is computed here and joined by buildStatusSql.
 */
export async function writeParetoAliveTable(qm: QueryManager, p: ParetoNbdParams, tables: Pick<DerivedTables, 'facts' | 'paretoAlive'> = SCREEN_TABLES): Promise<void> {
  const t = await qm.query(`SELECT DISTINCT CAST(bg_x AS DOUBLE) AS x, CAST(bg_tx AS DOUBLE) AS tx, CAST(bg_T AS DOUBLE) AS "T"
    FROM ${tables.facts} WHERE bg_T IS NOT NULL`, { cache: false });
  const [x, tx, T] = [f64Column(t, 'x'), f64Column(t, 'tx'), f64Column(t, 'T')];
  const pAlive = Float64Array.from(x, (xi, i) => paretoNbdPAlive(p, xi, tx[i], T[i]));
  await writeTable(qm, tables.paretoAlive, { x, tx, T, p_alive: pAlive });
}
