import type { ScreenContext } from './prepareScreen';

/** The screen's panels, named as the panel components name them. */
export type ScreenPanel = 'kpis' | 'trend' | 'structural' | 'cohort' | 'rfm' | 'risk' | 'risk-list' | 'triggers' | 'region'
  | 'diagnosis' | 'customer-list' | 'customer-360';

/** A hint in both screen languages. */
export interface Hint {
  zh: string;
  en: string;
}

const CUSTOMERS: Hint = { zh: '请导入客户表（customers：客户ID、名称、区域、等级等）', en: 'Load a customers export (customer id, name, region, tier ...)' };
const DATED: Hint = {
  zh: '请导入订单表（orders：客户、下单日期、金额）或订阅表（subscriptions：客户、开始/结束日期、MRR）',
  en: 'Load an orders export (customer, order date, amount) or a subscriptions export (customer, start/end date, MRR)',
};
const ORDERS: Hint = { zh: '请导入订单表（orders：客户、订单号、下单日期、金额）', en: 'Load an orders export (customer, order id, order date, amount)' };
const SIGNALS: Hint = {
  zh: '请导入订单、活跃、工单或NPS表（orders / activity / tickets / nps）以计算健康分',
  en: 'Load orders, activity, tickets or NPS (orders / activity / tickets / nps) to compute the health score',
};
const DIMENSIONS: Hint = {
  zh: '请在客户表中提供分层列（customers：等级、区域、行业、渠道等，2至30个取值）',
  en: 'Give the customers export segment columns (tier, region, industry, channel ..., 2 to 30 values each)',
};
const TRIGGER_SOURCES: Hint = {
  zh: '请导入订单表、带续约/到期日期的订阅表或带类型与响应时间的工单表（orders / subscriptions / tickets）',
  en: 'Load orders, subscriptions with renewal or end dates, or tickets with a type and response times (orders / subscriptions / tickets)',
};
const REGIONS: Hint = { zh: '请在客户表中提供区域列（customers：区域/省份）', en: 'Give the customers export a region column (region / province)' };

/**
 * Which table or file would fill a panel the loaded data leaves empty, in Chinese and English
 * (product.md: a panel says what file would fill it); null when the data supports the panel.
 */
export function missingDataHint(panel: ScreenPanel, ctx: ScreenContext): Hint | null {
  const p = ctx.presence;
  if (!p.customers) return CUSTOMERS;
  switch (panel) {
    case 'trend':
    case 'cohort':
      return p.churnByPeriod && ctx.periodBasis !== null ? null : DATED;
    case 'structural':
      return p.structural ? null : DIMENSIONS;
    case 'rfm':
      return p.rfm ? null : ORDERS;
    case 'risk':
    case 'risk-list':
      return p.risk ? null : SIGNALS;
    case 'triggers':
      return p.triggers ? null : TRIGGER_SOURCES;
    case 'region':
      return p.regions ? null : REGIONS;
    case 'diagnosis':
      return ctx.families.diagnosis ? null : CUSTOMERS;
    default:
      return null;
  }
}
