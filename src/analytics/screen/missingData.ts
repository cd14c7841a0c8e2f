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

const IN_BUNDLE = { zh: '事实数据包中没有', en: 'Not in the facts bundle' };
const bundleText = (zh: string, en: string): Hint => ({ zh: `${IN_BUNDLE.zh}：${zh}`, en: `${IN_BUNDLE.en}: ${en}` });

/**
 * On a screen built from a facts bundle (docs/facts-contract.md), why a panel the bundle cannot
 * fill is empty: which part of the analysis the bundle does not carry (contract version 1 holds the
 * per-customer and per-period tables, not the raw rows). `drilled`: a drill is in force. Null when
 * the screen is not a bundle's or the bundle is not the reason.
 */
export function bundleHint(panel: ScreenPanel, ctx: ScreenContext, drilled: boolean): Hint | null {
  const b = ctx.bundle;
  if (!b) return null;
  const omitted = (table: string) => b.omitted.find((o) => o.table === table);
  switch (panel) {
    case 'trend':
    case 'cohort': {
      const table = panel === 'trend' ? 'cw_period_churn' : 'cw_cohort_cells';
      const o = omitted(table);
      if (o || !b.tables.includes(table)) {
        return bundleText(`${panel === 'trend' ? '按周期的流失率' : '同期群留存'}（${table}${o ? `，写出时省略：${o.reason}` : ''}）`,
          `${panel === 'trend' ? 'churn by period' : 'cohort retention'} (${table}${o ? `, left out by its writer: ${o.reason}` : ''})`);
      }
      if (drilled) {
        return bundleText(`${panel === 'trend' ? '所选客户的按周期流失率' : '所选客户的同期群'}需要客户的逐日记录（订单、订阅），数据包只有全部客户的汇总`,
          `${panel === 'trend' ? 'churn by period' : 'cohorts'} of a drilled selection need the customers' dated rows (orders, subscriptions); the bundle holds the totals of all customers only`);
      }
      return null;
    }
    case 'risk':
    case 'risk-list':
      return b.tables.includes('cw_customer_risk') || ctx.presence.risk ? null
        : bundleText('健康分（cw_customer_risk），例如 Spark 作业写出的数据包不含它', 'the health score (cw_customer_risk); a Spark job\'s bundle leaves it out');
    case 'triggers':
      return bundleText('关键时刻预警需要原始的订单、订阅和工单', 'key-moment alerts read the raw orders, subscriptions and tickets');
    case 'structural':
      return ctx.presence.structural ? null : bundleText('客户的扩展属性列（customer_attributes）', 'the extra customer columns (customer_attributes)');
    case 'region':
      return ctx.presence.regions ? null
        : { zh: '数据包中的客户没有区域（cw_customer_facts 的 region 列为空）', en: 'The bundle\'s customers have no region (cw_customer_facts.region is empty)' };
    case 'rfm':
      return ctx.presence.rfm ? null
        : { zh: '数据包中的客户没有购买记录（cw_customer_rfm 没有行）', en: 'The bundle\'s customers have no purchases (cw_customer_rfm has no rows)' };
    default:
      return null;
  }
}
