/** The value tiers of metrics.md section 5, in precedence order. */
export const VALUE_TIERS = ['高价值', '新客户', '成长期', '低价值'] as const;

/** One value tier name. */
export type ValueTier = (typeof VALUE_TIERS)[number];

/** English names of the tiers (screen in English). */
export const VALUE_TIER_EN: Record<ValueTier, string> = {
  高价值: 'high value',
  成长期: 'growing',
  新客户: 'new',
  低价值: 'low value',
};

/** Share of customers (by trailing-12-month value, descending) that is high value. */
export const HIGH_VALUE_SHARE = 0.2;

/** Days since the first purchase (or first seen) within which a customer is 新客户. */
export const NEW_CUSTOMER_DAYS = 90;
