import { lit } from '../../engine/sql';
import { inListSql } from './booleans';
import { trimSql, trimValue } from './chars';
import { numberSql } from './numbers';
import { letSql } from './sqlBind';
import { CHURN_VOCABULARY, GENERIC_FLAG_WORDS } from './churnVocabulary';

/**
 * Derived flags: `customers.churned` from a status/label column and `orders.is_return`.
 *
 * Churn labels (churnVocabulary.ts, by language) are compared by churnLabelKey: lower-cased,
 * accents dropped, runs of spaces/underscores/hyphens made one space. TRUE: a churned word or a
 * generic yes (yes, y, true, t, 1, 是); FALSE: a retained word or a generic no; NULL: blank, and
 * any other text (a status that is not a churn label says nothing).
 */
/** Status words that mean churned (every language, in key form). */
export const CHURN_TRUE_WORDS: readonly string[] = vocabularyKeys('churned');
/** Status words that mean not churned (every language, in key form). */
export const CHURN_FALSE_WORDS: readonly string[] = vocabularyKeys('retained');

const TRUE_SET = new Set(CHURN_TRUE_WORDS);
const FALSE_SET = new Set(CHURN_FALSE_WORDS);

/** The comparison form of a label, as churnKeySql computes it in SQL. */
export function churnLabelKey(raw: string): string {
  return trimValue(raw).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[\s_-]+/g, ' ');
}

/** SQL: churnLabelKey of the VARCHAR `expr` (DuckDB's strip_accents drops the same marks). */
function churnKeySql(expr: string): string {
  return `regexp_replace(strip_accents(lower(${trimSql(expr)})), '[\\s_-]+', ' ', 'g')`;
}

function vocabularyKeys(side: 'churned' | 'retained'): string[] {
  const words = [...GENERIC_FLAG_WORDS[side], ...CHURN_VOCABULARY.flatMap((l) => l[side])];
  return [...new Set(words.map(churnLabelKey))];
}

const GENERIC_SET = new Set([...GENERIC_FLAG_WORDS.churned, ...GENERIC_FLAG_WORDS.retained].map(churnLabelKey));

/**
 * True when the value is a churn or lifecycle word (Churned, Active, Cancelado, 已流失) rather than
 * a generic yes/no: such values alone tell that a column is a churn label, whatever its header.
 */
export function isChurnWord(raw: string): boolean {
  return parseChurnFlag(raw) !== null && !GENERIC_SET.has(churnLabelKey(raw));
}

/** Reads a status/label as churned (true), not churned (false) or unknown (null), as churnFlagSql. */
export function parseChurnFlag(raw: string | null | undefined): boolean | null {
  if (raw === null || raw === undefined) return null;
  const k = churnLabelKey(raw);
  if (TRUE_SET.has(k)) return true;
  if (FALSE_SET.has(k)) return false;
  return null;
}

/** SQL: status/label text (VARCHAR `expr`) -> BOOLEAN churned, with the vocabulary above. */
export function churnFlagSql(expr: string): string {
  return `CAST(${letSql(churnKeySql(expr), 'k', (k) =>
    `CASE WHEN ${inListSql(k, CHURN_TRUE_WORDS)} THEN TRUE WHEN ${inListSql(k, CHURN_FALSE_WORDS)} THEN FALSE END`)} AS BOOLEAN)`;
}

/**
 * Order statuses that make a row a return/cancellation (matched anywhere in the lower-cased
 * status): cancel, refund, return, void, reversal, chargeback, credit note, 退货, 退款, 取消,
 * 作废, 红冲, 冲销, 交易关闭. A negation before the word (未退款, 无退货, not returned) cancels it.
 */
export const RETURN_STATUS_PATTERN = '(cancel|refund|return|void|revers|chargeback|credit note|退货|退款|取消|作废|红冲|冲销|交易关闭)';
const NEGATED_RETURN_PATTERN = '(未|无|不|非|没有|no |not |non )(退货|退款|取消|作废|cancel|refund|return)';

/**
 * SQL: BOOLEAN is_return, never NULL. TRUE when the status reads as a return/cancellation
 * (RETURN_STATUS_PATTERN), or quantity < 0, or amount < 0 (a credit note), or, when `orderId`
 * is given, its id is 'C' + digits while other ids in the same input are plain digits (UCI
 * Online Retail cancellations). Whether plain-digit ids exist is a fact about the whole input,
 * read beforehand with digitOrderIdsSql: as a window inside this expression it made DuckDB hold
 * every row in memory (2 GB at 10M orders). Arguments are VARCHAR expressions (quantity and
 * amount DOUBLE with `typedNumbers`), or null when the file lacks the column.
 */
export function returnFlagSql(
  statusExpr: string | null,
  quantityExpr: string | null,
  amountExpr: string | null,
  orderId: { expr: string; digitIdsExist: boolean } | null = null,
  options: { typedNumbers?: boolean } = {},
): string {
  // Already converted numbers are compared as they are: re-reading a DOUBLE as text costs ~1 µs a row.
  const number = (expr: string) => (options.typedNumbers ? expr : numberSql(expr));
  const parts: string[] = [];
  if (statusExpr) {
    parts.push(letSql(`lower(${trimSql(statusExpr)})`, 's', (s) =>
      `(regexp_matches(${s}, ${lit(RETURN_STATUS_PATTERN)}) AND NOT regexp_matches(${s}, ${lit(NEGATED_RETURN_PATTERN)}))`));
  }
  if (quantityExpr) parts.push(`(${number(quantityExpr)} < 0)`);
  if (amountExpr) parts.push(`(${number(amountExpr)} < 0)`);
  // UCI Online Retail marks a cancellation by prefixing the invoice number with 'C'. Elsewhere a
  // 'C' prefix can be the normal numbering, so it counts only next to plain-digit invoice numbers.
  if (orderId?.digitIdsExist) parts.push(`regexp_full_match(CAST(${orderId.expr} AS VARCHAR), '\\s*[Cc][0-9]+\\s*')`);
  if (parts.length === 0) return 'FALSE';
  return `(${parts.map((p) => `coalesce(${p}, FALSE)`).join(' OR ')})`;
}

/** SQL: one BOOLEAN, TRUE when any `orderIdExpr` of `table` is plain digits (returnFlagSql's `digitIdsExist`). */
export function digitOrderIdsSql(orderIdExpr: string, table: string): string {
  return `SELECT coalesce(bool_or(regexp_full_match(CAST(${orderIdExpr} AS VARCHAR), '\\s*[0-9]+\\s*')), FALSE) AS found FROM ${table}`;
}

/** Reads a status as a return the way returnFlagSql's status test does (for profiling and tests). */
export function isReturnStatus(raw: string | null | undefined): boolean {
  if (raw === null || raw === undefined) return false;
  const s = trimValue(raw).toLowerCase();
  return new RegExp(RETURN_STATUS_PATTERN).test(s) && !new RegExp(NEGATED_RETURN_PATTERN).test(s);
}
