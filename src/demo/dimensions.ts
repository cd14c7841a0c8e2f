import { cumulative } from './prng';

/**
 * The category values of the demo company and how often each occurs. Generators keep a
 * category as its index into these lists; the column writers encode each value once.
 */

/** Customer value tiers, highest first (钻石 and 金牌 are the high-value ~20%). */
export const TIERS = ['钻石', '金牌', '银牌', '普通'] as const;
/** Company-size segments, largest first. */
export const SEGMENTS = ['大型企业', '中型企业', '小微企业'] as const;
/** Segment shares (大型 12%, 中型 33%, 小微 55%). */
export const SEGMENT_CUM = cumulative([12, 33, 55]);
/** Tier shares within each segment (rows follow SEGMENTS, columns TIERS). */
export const TIER_CUM_BY_SEGMENT = [
  cumulative([30, 40, 25, 5]),
  cumulative([5, 20, 45, 30]),
  cumulative([0.5, 5, 25, 69.5]),
];

/** Sales regions of mainland China. */
export const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北'] as const;
/** Region shares: 华东 biggest, 西北 and 东北 smallest. */
export const REGION_CUM = cumulative([28, 20, 18, 12, 10, 6, 6]);

/** Customer industries. */
export const INDUSTRIES = ['制造', '零售', '互联网', '金融', '医疗', '教育', '物流'] as const;
/** Industry shares. */
export const INDUSTRY_CUM = cumulative([22, 18, 16, 10, 10, 10, 14]);

/** Acquisition channels (展会 also brings the autumn-campaign cohort of story 3). */
export const CHANNELS = ['官网', '代理商', '展会', '转介绍', '广告'] as const;
/** Channel shares. */
export const CHANNEL_CUM = cumulative([25, 25, 15, 15, 20]);
/** Index of 展会 in CHANNELS. */
export const CHANNEL_EXPO = 2;

/** Subscription plans, cheapest first. */
export const PLANS = ['基础版', '专业版', '企业版'] as const;
/** List MRR (CNY) per seat of each plan. */
export const PLAN_LIST_MRR = [399, 1_999, 6_999];
/** Billing periods: contracts run a year; 月付 only changes how the year is billed. */
export const BILLING = ['月付', '年付'] as const;

/** Status of a completed purchase. */
export const ORDER_DONE = '已完成';
/** Status of a refund row (negative amount, is_return). */
export const ORDER_REFUNDED = '已退款';

/** Ticket types (inquiry, after-sales, complaint). */
export const TICKET_TYPES = ['咨询', '售后', '投诉'] as const;
/** Index of 咨询 in TICKET_TYPES. */
export const TICKET_INQUIRY = 0;
/** Index of 售后 in TICKET_TYPES. */
export const TICKET_AFTER_SALES = 1;
/** Index of 投诉 in TICKET_TYPES. */
export const TICKET_COMPLAINT = 2;
/** Ticket statuses: closed, still open. */
export const TICKET_STATUS = ['已解决', '处理中'] as const;

/** Product features that show up as activity event types ('登录' first: every user logs in). */
export const FEATURES = ['登录', '客户管理', '报表查看', '数据导出', '审批流程', '移动端'] as const;

/** Retention actions. */
export const ACTIONS = ['专属关怀', '优惠券', '回访', '培训'] as const;
/** Cost range (CNY) of each action. */
export const ACTION_COST: readonly (readonly [number, number])[] = [
  [1_500, 5_000],
  [100, 800],
  [50, 200],
  [500, 2_000],
];
/** Outcomes of a retention action: saved, lost, under way. */
export const OUTCOMES = ['挽回成功', '未挽回', '进行中'] as const;
/** Index of 挽回成功 in OUTCOMES. */
export const OUTCOME_SAVED = 0;
/** Index of 未挽回 in OUTCOMES. */
export const OUTCOME_LOST = 1;
/** Index of 进行中 in OUTCOMES. */
export const OUTCOME_PENDING = 2;

/** Churn-reason groups of metrics.md section 8. */
export const REASON_GROUPS = ['主动', '被动', '隐性', '价格', '体验'] as const;
/** One churn-reason group. */
export type ReasonGroup = (typeof REASON_GROUPS)[number];

/** Cancellation reasons (subscriptions.cancel_reason) and the group each belongs to. */
export const CANCEL_REASONS: readonly { reason: string; group: ReasonGroup }[] = [
  { reason: '转用竞品', group: '主动' },
  { reason: '不再需要', group: '主动' },
  { reason: '业务调整', group: '主动' },
  { reason: '付款失败', group: '被动' },
  { reason: '公司倒闭', group: '被动' },
  { reason: '长期未使用', group: '隐性' },
  { reason: '无明确原因', group: '隐性' },
  { reason: '价格太高', group: '价格' },
  { reason: '预算削减', group: '价格' },
  { reason: '服务响应慢', group: '体验' },
  { reason: '产品不好用', group: '体验' },
  { reason: '问题长期未解决', group: '体验' },
];
/** Reason indices by group, in REASON_GROUPS order. */
export const REASONS_BY_GROUP: number[][] = REASON_GROUPS.map((g) =>
  CANCEL_REASONS.flatMap((r, i) => (r.group === g ? [i] : [])),
);
/** Ordinary churners' reason-group mix (主动, 被动, 隐性, 价格, 体验). */
export const REASON_GROUP_CUM = cumulative([25, 10, 15, 25, 25]);
/** Chance that a churner of each group complained repeatedly before leaving (story 2). */
export const COMPLAINT_PILE_CHANCE = [0.7, 0.3, 0.4, 0.8, 0.95];

/** customer_attributes 'company_size' bands, largest first. */
export const COMPANY_SIZES = ['1000人以上', '200-999人', '50-199人', '1-49人'] as const;
/** customer_attributes 'contract_type' values. */
export const CONTRACT_TYPES = ['订阅合同', '年度框架协议', '单次采购'] as const;
