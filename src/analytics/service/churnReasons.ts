import { lit } from '../../engine/sql';
import type { Bilingual } from '../risk/computed';

/** The churn reason groups of metrics.md section 8 (主动/被动/隐性/价格/体验 流失), plus other. */
export type ReasonGroup = 'voluntary' | 'involuntary' | 'hidden' | 'price' | 'experience' | 'other';

/** Display names. */
export const REASON_GROUP_LABELS: Record<ReasonGroup, Bilingual> = {
  voluntary: { zh: '主动流失', en: 'voluntary churn' },
  involuntary: { zh: '被动流失', en: 'involuntary churn' },
  hidden: { zh: '隐性流失', en: 'hidden churn' },
  price: { zh: '价格流失', en: 'price churn' },
  experience: { zh: '体验流失', en: 'experience churn' },
  other: { zh: '其他', en: 'other' },
};

/**
 * Keywords per group, tried in this order (first match wins): price before experience so "service
 * too expensive" is price; involuntary and hidden before voluntary so "card declined" or "stopped
 * using" are not read as a choice; voluntary (competitor, moved) before experience so "competitor
 * offered higher speeds" is a switch. Leaving without a stated reason ("无明确原因", "don't know")
 * is hidden churn. ASCII keywords match at a word start, Chinese anywhere.
 */
export const REASON_KEYWORDS: readonly { group: Exclude<ReasonGroup, 'other'>; keywords: string[] }[] = [
  {
    group: 'price',
    keywords: ['price', 'pricing', 'expensive', 'cost', 'charge', 'afford', 'budget', 'cheap', 'too much money',
      '价格', '太贵', '贵', '费用', '预算', '涨价', '便宜', '资费', '性价比', '收费'],
  },
  {
    group: 'involuntary',
    keywords: ['payment fail', 'failed payment', 'card', 'declin', 'deceased', 'death', 'died', 'bankrupt', 'out of business',
      'closed down', 'involuntary', 'non-payment', 'nonpayment', 'fraud',
      '欠费', '支付失败', '付款失败', '扣款失败', '续费失败', '逾期', '倒闭', '破产', '注销', '去世', '被动', '停业'],
  },
  {
    group: 'hidden',
    keywords: ['inactive', 'inactivity', 'no usage', 'not using', 'stopped using', 'unused', 'dormant', 'silent', 'lapsed',
      'hidden', 'no longer use', 'no activity', 'no reason', 'no clear reason', 'unknown', "don't know",
      '不活跃', '沉默', '未使用', '不再使用', '隐性', '休眠', '无活跃', '不用了', '无明确原因', '原因不明', '不明原因'],
  },
  {
    group: 'voluntary',
    keywords: ['competitor', 'switch', 'moved', 'relocat', 'no longer need', 'not needed', "don't need", 'voluntary',
      'own choice', 'went with', 'alternative',
      '竞品', '竞争对手', '转投', '换用', '改用', '搬迁', '不需要', '不再需要', '业务调整', '业务变化', '主动', '自愿', '其他供应商'],
  },
  {
    group: 'experience',
    keywords: ['service', 'support', 'attitude', 'quality', 'reliab', 'bug', 'slow', 'dissatisf', 'unsatisf', 'experience',
      'expertise', 'complain', 'difficult', 'hard to use', 'product', 'feature', 'network', 'speed', 'device', 'outage',
      '体验', '服务', '态度', '质量', '故障', '投诉', '难用', '不好用', '功能', '网络', '速度', '售后', '不满', '卡顿', '未解决', '问题'],
  },
];

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regular expression per group, the same text in RE2 (DuckDB) and JavaScript. */
function groupPattern(keywords: string[]): string {
  return keywords.map((k) => (/^[a-z]/.test(k) ? '\\b' : '') + escapeRegex(k.toLowerCase())).join('|');
}

/** The group of one reason text. */
export function classifyChurnReason(text: string | null | undefined): ReasonGroup {
  if (!text || !text.trim()) return 'other';
  const lower = text.toLowerCase();
  for (const g of REASON_KEYWORDS) if (new RegExp(groupPattern(g.keywords)).test(lower)) return g.group;
  return 'other';
}

/** SQL expression giving the group of a reason text expression (same rules as classifyChurnReason). */
export function churnReasonGroupSql(expr: string): string {
  const whens = REASON_KEYWORDS.map((g) => `WHEN regexp_matches(lower(${expr}), ${lit(groupPattern(g.keywords))}) THEN ${lit(g.group)}`);
  return `CASE ${whens.join(' ')} ELSE 'other' END`;
}
