import type { QueryManager } from '../../engine/queryManager';
import { f64Column } from '../common/arrow';
import { fitBgNbd, type BgNbdFit } from './bgnbd';
import { fitGammaGamma, type GammaGammaFit } from './gammaGamma';
import { fitParetoNbd, type ParetoNbdFit } from './paretoNbd';
import { bgnbdInputSql, gammaGammaInputSql } from './modelInputsSql';
import { FACTS_TABLE } from '../facts/customerFacts';

/** Below this many repeat buyers the four BG/NBD (three Gamma-Gamma) parameters are not identified well enough to use. */
export const MIN_REPEAT_BUYERS_FOR_FIT = 20;

/** Fits BG/NBD on cw_customer_facts or `facts` (null when no customer has a repeat purchase). */
export async function fitBgNbdFromFacts(qm: QueryManager, facts: string = FACTS_TABLE): Promise<BgNbdFit | null> {
  const t = await qm.query(bgnbdInputSql(facts));
  if (t.numRows === 0) return null;
  return fitBgNbd({ x: f64Column(t, 'x'), tx: f64Column(t, 'tx'), T: f64Column(t, 'T'), weights: f64Column(t, 'n') });
}

/** Fits Pareto/NBD on the same (x, t_x, T) histories as BG/NBD, of cw_customer_facts or `facts` (null when no customer has a repeat purchase). */
export async function fitParetoNbdFromFacts(qm: QueryManager, facts: string = FACTS_TABLE): Promise<ParetoNbdFit | null> {
  const t = await qm.query(bgnbdInputSql(facts));
  if (t.numRows === 0) return null;
  return fitParetoNbd({ x: f64Column(t, 'x'), tx: f64Column(t, 'tx'), T: f64Column(t, 'T'), weights: f64Column(t, 'n') });
}

/** Fits Gamma-Gamma on the orders up to the as-of date (null without repeat buyers with spend). */
export async function fitGammaGammaFromOrders(qm: QueryManager, asOf: string): Promise<GammaGammaFit | null> {
  const t = await qm.query(gammaGammaInputSql(asOf));
  if (t.numRows === 0) return null;
  return fitGammaGamma(f64Column(t, 'x'), f64Column(t, 'm'), f64Column(t, 'n'));
}
