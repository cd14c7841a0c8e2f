/**
 * Platform-independent ln and exp built from +, -, *, / only. `Math.log`/`Math.exp` are not
 * required to be correctly rounded, and JS engines differ in the last bit; the demo must be
 * byte-identical on every machine, so the samplers use these instead.
 */

const LN2_HI = 6.93147180369123816490e-1; // high bits of ln 2: k * LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10;
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const TWO54 = 18014398509481984;

// Word views of one float. Arrow buffers are little-endian too, so the demo assumes a
// little-endian host (every platform a browser or Node runs on).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Natural logarithm, deterministic across engines (error ~2e-16 relative). */
export function detLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
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
    m *= 0.5;
    e += 1;
  }
  // ln m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716: the odd series to s^23 is exact to 1e-17.
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const p =
    1 / 3 + z * (1 / 5 + z * (1 / 7 + z * (1 / 9 + z * (1 / 11 + z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z / 23)))))))));
  return e * LN2_HI + (2 * s * (1 + z * p) + e * LN2_LO);
}

/** e^x, deterministic across engines (error ~2e-16 relative). */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| <= ln2/2, so the series to r^14/14! is exact to 1e-17
  const p =
    1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040 + r * (1 / 40320 + r * (1 / 362880 + r * (1 / 3628800 + r * (1 / 39916800 + r * (1 / 479001600 + r * (1 / 6227020800 + r / 87178291200)))))))))))));
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
