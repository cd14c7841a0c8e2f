/**
 * Special functions the customer-base models need (log-gamma, digamma, Gauss hypergeometric 2F1).
 * Pure numeric code: no engine, no Vue.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Gamma(x) for x > 0 (Lanczos, g = 7; about 15 significant digits); NaN for x <= 0. */
export function lgamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection keeps the Lanczos sum in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  }
  const xm1 = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (xm1 + i);
  const t = xm1 + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (xm1 + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Digamma psi(x) = d/dx ln Gamma(x) for x > 0: the recurrence psi(x) = psi(x + 1) - 1/x lifts x
 * to 10 or more, where the asymptotic series is accurate to about 1e-15. NaN for x <= 0.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let v = x;
  while (v < 10) {
    shift -= 1 / v;
    v += 1;
  }
  const inv = 1 / v;
  const inv2 = inv * inv;
  // ln v - 1/(2v) - 1/(12v^2) + 1/(120v^4) - 1/(252v^6) + 1/(240v^8) - 5/(660v^10)
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (5 / 660)))));
  return shift + Math.log(v) - 0.5 * inv - series;
}

/**
 * Gauss hypergeometric 2F1(a, b; c; z) by its power series, for 0 <= z < 1.
 * Sums until the remaining tail cannot change the sum in double precision; NaN when c is a non-positive
 * integer (pole) or the series has not converged after `maxTerms` terms. Callers with large a, b
 * should transform first (Euler: 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a,c-b;c;z)) so terms stay small.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): number {
  if (!(z >= 0 && z < 1)) return Number.NaN;
  if (c <= 0 && Number.isInteger(c)) return Number.NaN;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    term *= ratio;
    sum += term;
    if (!Number.isFinite(sum)) return Number.NaN;
    if (term === 0) return sum;
    // Successive-term ratios tend to z; while they stay below q = max(|ratio|, z) < 1 the tail is
    // at most |term| q / (1 - q), so stop once that cannot change the sum in double precision.
    const q = Math.max(Math.abs(ratio), z);
    if (q < 1 && (Math.abs(term) * q) / (1 - q) <= 1e-16 * Math.abs(sum)) return sum;
  }
  return Number.NaN;
}

/** 2F1(a, b; c; z) with its partial derivatives in a, b, c and z. */
export interface Hyp2f1WithGradient {
  value: number;
  da: number;
  db: number;
  dc: number;
  dz: number;
}

/**
 * 2F1(a, b; c; z) and its gradient by the same power series as {@link hyp2f1}, for 0 <= z < 1 and
 * positive a, b, c (what the Pareto/NBD likelihood needs): term k carries (a)_k (b)_k / ((c)_k k!) z^k,
 * whose log-derivatives are running sums of 1/(a+j), 1/(b+j), -1/(c+j) and k/z. The tail bound
 * stops the sum as in hyp2f1; the derivative series converge no slower than the value's up to a
 * factor of k, which the same bound with one term more covers in double precision. NaN when it
 * has not converged after `maxTerms` terms.
 */
export function hyp2f1WithGradient(a: number, b: number, c: number, z: number, maxTerms = 200_000): Hyp2f1WithGradient {
  const nan = { value: Number.NaN, da: Number.NaN, db: Number.NaN, dc: Number.NaN, dz: Number.NaN };
  if (!(z >= 0 && z < 1 && a > 0 && b > 0 && c > 0)) return nan;
  let term = 1;
  let sa = 0;
  let sb = 0;
  let sc = 0;
  const out = { value: 1, da: 0, db: 0, dc: 0, dz: 0 };
  for (let k = 0; k < maxTerms; k++) {
    // term_(k+1) from term_k; the running sums become those of term k + 1.
    const ratio = ((a + k) * (b + k)) / ((c + k) * (k + 1));
    sa += 1 / (a + k);
    sb += 1 / (b + k);
    sc += 1 / (c + k);
    // d/dz of term_(k+1) = (k+1) term_(k+1) / z = (k+1) ratio term_k z^k ... kept without dividing by z.
    out.dz += (k + 1) * ratio * term;
    term *= ratio * z;
    out.value += term;
    out.da += term * sa;
    out.db += term * sb;
    out.dc -= term * sc;
    if (!Number.isFinite(out.value) || !Number.isFinite(out.da)) return nan;
    if (term === 0) return out;
    const q = Math.max(ratio * z, z);
    // One term more than hyp2f1's bound: the derivative terms carry an extra factor of about k.
    if (q < 1 && (Math.abs(term) * (k + 2) * q) / (1 - q) <= 1e-16 * Math.abs(out.value)) return out;
  }
  return nan;
}
