/**
 * Platform-independent ln and exp built from +, -, *, / only. `Math.log`/`Math.exp` are not
 * required to be correctly rounded, and JS engines differ in the last bit; the demo must be
 * byte-identical on every machine, so the samplers use these instead.
 */

const LN2_HI = 6.93147180369123816490e-1; // high bits of ln 2: k * LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10;
const SQRT2 = 1.4142135623730951;
const TWO54 = 18014398509481984;

// Word views of one float. Arrow buffers are little-endian too, so the demo assumes a
// little-endian host (every platform a browser or Node runs on).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** 1/3, 1/5, ... 1/23 for the atanh series (z <= 0.0295 makes 12 terms enough). */
const ODD_INV: number[] = [];
for (let k = 3; k <= 23; k += 2) ODD_INV.push(1 / k);

/** 1/n! for the exp series, n = 0..14 (|r| <= ln2/2 makes r^15/15! < 1e-17). */
const INV_FACT: number[] = [];
for (let n = 0, f = 1; n <= 14; n++) {
  if (n > 0) f *= n;
  INV_FACT.push(1 / f);
}

/** Natural logarithm, deterministic across engines (relative error ~1e-16). */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first.
    x *= TWO54;
    e = -54;
  }
  f64[0] = x;
  const hi = u32[1];
  e += ((hi >>> 20) & 0x7ff) - 1023;
  // Mantissa in [1, 2): keep the fraction bits, force the exponent to 0.
  u32[1] = (hi & 0x000fffff) | 0x3ff00000;
  let m = f64[0];
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716: the odd series converges fast.
  const s = (m - 1) / (m + 1);
  const z = s * s;
  let p = ODD_INV[ODD_INV.length - 1];
  for (let i = ODD_INV.length - 2; i >= 0; i--) p = ODD_INV[i] + z * p;
  const lnm = 2 * s * (1 + z * p);
  return e * LN2_HI + (lnm + e * LN2_LO);
}

/** e^x, deterministic across engines (relative error ~1e-16). */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x / (LN2_HI + LN2_LO));
  const r = x - k * LN2_HI - k * LN2_LO; // |r| <= ln2 / 2
  let p = INV_FACT[14];
  for (let n = 13; n >= 0; n--) p = INV_FACT[n] + r * p;
  return p * pow2(k);
}

/** 2^k for integer k, built from the exponent bits (exact). */
function pow2(k: number): number {
  if (k > 1023) return pow2(1023) * pow2(k - 1023);
  if (k < -1022) return pow2(-1022) * pow2(k + 1022);
  u32[0] = 0;
  u32[1] = (k + 1023) << 20;
  return f64[0];
}
