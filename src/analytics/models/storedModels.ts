import type { MetaValue } from '../common/meta';
import type { BgNbdFit } from './bgnbd';
import type { GammaGammaFit } from './gammaGamma';

/** Meta entries recording the fitted models (so panels reuse one fit per prepare). */
export function modelMetaEntries(bg: BgNbdFit | null, gg: GammaGammaFit | null): Record<string, MetaValue> {
  const out: Record<string, MetaValue> = {};
  if (bg) {
    Object.assign(out, { 'bgnbd.r': bg.r, 'bgnbd.alpha': bg.alpha, 'bgnbd.a': bg.a, 'bgnbd.b': bg.b, 'bgnbd.logLik': bg.logLik,
      'bgnbd.customers': bg.customers, 'bgnbd.repeatCustomers': bg.repeatCustomers, 'bgnbd.converged': bg.converged ? 1 : 0 });
  }
  if (gg) {
    Object.assign(out, { 'gg.p': gg.p, 'gg.q': gg.q, 'gg.v': gg.v, 'gg.logLik': gg.logLik, 'gg.customers': gg.customers,
      'gg.converged': gg.converged ? 1 : 0 });
  }
  return out;
}

const num = (m: Record<string, MetaValue>, k: string): number => Number(m[k]);

/** The BG/NBD fit recorded in meta, or null. */
export function bgnbdFromMeta(m: Record<string, MetaValue>): BgNbdFit | null {
  if (typeof m['bgnbd.r'] !== 'number') return null;
  return { r: num(m, 'bgnbd.r'), alpha: num(m, 'bgnbd.alpha'), a: num(m, 'bgnbd.a'), b: num(m, 'bgnbd.b'), logLik: num(m, 'bgnbd.logLik'),
    customers: num(m, 'bgnbd.customers'), repeatCustomers: num(m, 'bgnbd.repeatCustomers'), converged: m['bgnbd.converged'] === 1 };
}

/** The Gamma-Gamma fit recorded in meta, or null. */
export function gammaGammaFromMeta(m: Record<string, MetaValue>): GammaGammaFit | null {
  if (typeof m['gg.p'] !== 'number') return null;
  return { p: num(m, 'gg.p'), q: num(m, 'gg.q'), v: num(m, 'gg.v'), logLik: num(m, 'gg.logLik'), customers: num(m, 'gg.customers'),
    converged: m['gg.converged'] === 1 };
}
