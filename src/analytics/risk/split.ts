/** FNV-1a 32-bit hash of a string's UTF-16 code units: stable across runs, engines and platforms. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Share of customers held out to measure out-of-sample AUC. */
export const DEFAULT_TEST_SHARE = 0.3;

/**
 * Deterministic train/test split by customer id: the same customer always lands on the same
 * side, so AUCs do not move between refreshes unless the data does.
 */
export function isHoldout(customerId: string, testShare = DEFAULT_TEST_SHARE): boolean {
  return fnv1a32(customerId) % 10_000 < testShare * 10_000;
}
