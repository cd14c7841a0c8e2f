import { containsAnySql } from '../service/ticketKinds';

/** Outcome texts that mean the customer was won back... */
export const SUCCESS_KEYWORDS = ['success', 'succeeded', 'won', 'saved', 'retained', 'renewed', 'recovered', 'reactivated',
  'returned', 'yes', 'true', '成功', '挽回', '留存', '续约', '续费', '召回', '回流', '复购', '是'];
/** ...unless they also say it failed ("未挽回", "not renewed", "unsuccessful"). */
export const FAILURE_KEYWORDS = ['未', '失败', '不', '没', '否', '拒绝', 'fail', 'unsuccess', 'not ', 'lost', 'churn', 'declin', 'refus', 'false'];

/** SQL boolean: the outcome text reads as a success (FALSE for NULL). */
export function isSuccessOutcomeSql(expr: string): string {
  return `(${containsAnySql(expr, SUCCESS_KEYWORDS)} AND NOT ${containsAnySql(expr, FAILURE_KEYWORDS)} AND lower(trim(${expr})) NOT IN ('no', 'n', '0'))`;
}
