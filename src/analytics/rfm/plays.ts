import type { ValueTier } from './valueTiers';

/** The recommended plays of one value tier (metrics.md section 5), editable by the user. */
export interface ValuePlay {
  tier: ValueTier;
  /** For customers in the green risk tier. */
  healthy: string[];
  /** For customers in the amber or red risk tier. */
  atRisk: string[];
  /** Why, where the table says so. */
  note?: string;
}

/** The default plays table as data (the settings screen edits a copy of it). */
export const DEFAULT_PLAYS: readonly ValuePlay[] = [
  { tier: '高价值', healthy: ['专属权益', '定期回访'], atRisk: ['专属客户经理一对一关怀', '定制化服务'], note: 'not discounts' },
  { tier: '成长期', healthy: ['产品教育', '功能引导'], atRisk: ['定期回访', '使用建议推送'] },
  { tier: '新客户', healthy: ['新手礼包', '入门培训'], atRisk: ['快速上手支持', '首单后30天回访'] },
  { tier: '低价值', healthy: ['自动化内容推送'], atRisk: ['周期性唤醒', '定向优惠'] },
];

/** The plays for a customer of `tier` in risk tier `risk` (amber and red are "at risk"). */
export function playFor(tier: ValueTier, risk: 'green' | 'amber' | 'red', plays: readonly ValuePlay[] = DEFAULT_PLAYS): string[] {
  const row = plays.find((p) => p.tier === tier);
  if (!row) return [];
  return risk === 'green' ? row.healthy : row.atRisk;
}
