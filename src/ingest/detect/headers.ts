import { toHalfWidth } from '../values/chars';

/**
 * Header normalisation and matching. Exports differ in case, spacing, separators, full-width
 * characters, quotes, BOMs and camelCase ('customerID', 'Customer ID', 'customer_id',
 * '客户ＩＤ'); all of those compare equal here.
 */

const QUOTE_PAIRS: [string, string][] = [['"', '"'], ["'", "'"], ['“', '”'], ['‘', '’'], ['「', '」'], ['`', '`']];

/** Lower-cased, trimmed, BOM/quotes stripped, full-width -> half-width, runs of space _ - . -> one space. */
export function normaliseHeader(h: string): string {
  let s = toHalfWidth(h.replace(/^\uFEFF/, '')).trim();
  for (let changed = true; changed && s.length >= 2; ) {
    changed = false;
    for (const [open, close] of QUOTE_PAIRS) {
      if (s.startsWith(open) && s.endsWith(close)) {
        s = s.slice(open.length, s.length - close.length).trim();
        changed = true;
      }
    }
  }
  return s.toLowerCase().replace(/[\s_\-.]+/g, ' ').trim();
}

/** The normalised header without spaces: 'Customer ID', 'customer_id' and 'customerID' share it. */
export function headerKey(h: string): string {
  return normaliseHeader(h).replace(/ /g, '');
}

/** headerKey without bracketed units or notes: 'Amount (USD)', '金额（元）' -> 'amount', '金额'. */
export function headerCoreKey(h: string): string {
  return headerKey(normaliseHeader(h).replace(/[([{【][^)\]}】]*[)\]}】]/g, ''));
}

/** Words of a header, camelCase split: 'TotalCharges' -> ['total', 'charges']. */
export function headerWords(h: string): string[] {
  const camel = toHalfWidth(h).replace(/([a-z])([A-Z])/g, '$1 $2');
  return normaliseHeader(camel).split(/[^a-z0-9\u4e00-\u9fff]+/).filter(Boolean);
}

const CJK_RE = /[\u4e00-\u9fff]/;

/**
 * How well a header matches one synonym, 0..1: 1 for the same key, 0.95 for the same key once
 * bracketed units are dropped, 0.4-0.8 when the synonym is contained in the header (all its
 * words for Latin text, as a substring of 2+ characters for Chinese), scaled by how much of the
 * header it covers. 0 otherwise.
 */
export function headerMatchScore(header: string, synonym: string): number {
  const hk = headerKey(header);
  const sk = headerKey(synonym);
  if (hk === '' || sk === '') return 0;
  if (hk === sk) return 1;
  if (headerCoreKey(header) === sk) return 0.95;
  const cover = sk.length / hk.length;
  if (CJK_RE.test(sk)) return sk.length >= 2 && hk.includes(sk) ? 0.4 + 0.4 * cover : 0;
  const words = headerWords(header);
  const synWords = headerWords(synonym);
  return synWords.length > 0 && synWords.every((w) => words.includes(w)) ? 0.4 + 0.4 * cover : 0;
}

/** Best headerMatchScore of a header over a list of synonyms. */
export function bestSynonymScore(header: string, synonyms: readonly string[]): number {
  return bestSynonymMatch(header, synonyms).score;
}

/**
 * Best match of a header over a list of synonyms and the position of the synonym that gave it
 * (lists put specific synonyms first, so on equal scores a lower position is the better match).
 */
export function bestSynonymMatch(header: string, synonyms: readonly string[]): { score: number; index: number } {
  let best = { score: 0, index: synonyms.length };
  synonyms.forEach((s, index) => {
    const score = headerMatchScore(header, s);
    if (score > best.score) best = { score, index };
  });
  return best;
}

/**
 * A stable key of a header set (order-insensitive, normalised), for remembering the mapping a
 * user fixed for "this kind of file": e.g. 'h21-3f9a1c0b'.
 */
export function headerSignature(headers: string[]): string {
  const keys = headers.map(headerKey).sort();
  let hash = 0x811c9dc5; // FNV-1a, 32 bit
  for (const ch of keys.join('\u0001')) {
    hash ^= ch.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `h${headers.length}-${hash.toString(16).padStart(8, '0')}`;
}
