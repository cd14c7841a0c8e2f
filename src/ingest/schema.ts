/**
 * The canonical tables of data-model.md. Every loaded file becomes rows of one of these
 * tables (plus long-format extra attributes for customer snapshots). This file is the contract
 * between ingestion, the demo generator and analytics.
 */

import { CHURN_VOCABULARY } from './values/churnVocabulary';

export type CanonicalTable =
  | 'customers'
  | 'orders'
  | 'subscriptions'
  | 'activity'
  | 'tickets'
  | 'nps'
  | 'interventions';

/** The value kinds a canonical column holds once converted. */
export type ColumnKind = 'id' | 'text' | 'date' | 'timestamp' | 'number' | 'boolean';

export interface CanonicalColumn {
  name: string;
  kind: ColumnKind;
  /** Without it a row is rejected (customer_id everywhere but customers; customers need it too). */
  required?: boolean;
  /** Header synonyms, matched case-, space- and punctuation-insensitively. */
  synonyms: string[];
}

export const CANONICAL_TABLES: CanonicalTable[] = [
  'customers',
  'orders',
  'subscriptions',
  'activity',
  'tickets',
  'nps',
  'interventions',
];

/** SQL type of each kind in DuckDB. */
export const KIND_SQL_TYPE: Record<ColumnKind, string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
};

const customerId: CanonicalColumn = {
  name: 'customer_id',
  kind: 'id',
  required: true,
  synonyms: [
    'customer_id', 'customerid', 'customer id', 'customer', 'cust_id', 'client id', 'account id', 'accountid',
    'account', 'record id', 'contact id', 'company id', 'member id', 'user id', 'userid', 'buyer id',
    '客户id', '客户编号', '客户编码', '客户代码', '购货单位代码', '会员id', '会员编号', '用户id', '客户', '客户号', '账户id',
    // BankChurners' CLIENTNUM and the pt/es/de/fr exports' customer numbers.
    'clientnum', 'client number', 'customer number', 'id cliente', 'codigo cliente', 'kundennummer', 'kunden id', 'id client', 'numero client',
  ],
};

/** Column specs per canonical table, in the order the tables are created. */
export const SCHEMA: Record<CanonicalTable, CanonicalColumn[]> = {
  customers: [
    customerId,
    { name: 'name', kind: 'text', synonyms: ['name', 'customer name', 'account name', 'company name', 'company', 'full name', '客户名称', '公司名称', '客户名', '名称', '企业名称', '姓名'] },
    { name: 'signup_date', kind: 'date', synonyms: ['signup_date', 'signup date', 'created date', 'create date', 'created at', 'created time', 'create time', 'registration date', 'join date', 'first purchase date', '注册日期', '创建时间', '创建日期', '注册时间', '开户日期', '建档日期', 'customer since', '发展日期'] },
    { name: 'tier', kind: 'text', synonyms: ['tier', 'level', 'grade', 'customer level', 'membership level', '客户等级', '会员等级', '客户级别', '等级'] },
    { name: 'segment', kind: 'text', synonyms: ['segment', 'customer segment', 'type', 'account type', 'customer type', '客户类型', '客户分类', '细分', '客户分组', '客户类别', '所属分类'] },
    { name: 'region', kind: 'text', synonyms: ['region', 'area', 'territory', 'state', 'province', 'billing state/province', 'billing state', 'country', 'city', '区域', '地区', '省份', '大区', '城市', '国家', 'state/region', 'country/region', 'billing country', '所在地区', '所属地区'] },
    { name: 'industry', kind: 'text', synonyms: ['industry', 'vertical', 'sector', '行业', '所属行业'] },
    { name: 'owner', kind: 'text', synonyms: ['owner', 'account owner', 'contact owner', 'company owner', 'sales rep', 'salesperson', 'account manager', '负责人', '客户经理', '销售', '业务员', '所有人', 'record owner', '专管业务员'] },
    { name: 'channel', kind: 'text', synonyms: ['channel', 'source', 'lead source', 'original source', 'acquisition channel', '渠道', '来源', '客户来源', '获客渠道'] },
    // Every language's churn/exit/cancel headers (churnVocabulary.ts) besides the CRMs' status headers.
    { name: 'status', kind: 'text', synonyms: [...new Set(['status', 'churn', 'churned', 'lifecycle stage', 'customer status', 'account status', 'churn flag', 'is churned', 'exited', '客户状态', '流失', '是否流失', '状态', '流失标记', ...CHURN_VOCABULARY.flatMap((l) => l.headers)])] },
    /** Derived from status when it reads as a churn label (Yes/1/已流失 ...). NULL when unknown. */
    { name: 'churned', kind: 'boolean', synonyms: [] },
    { name: 'monthly_value', kind: 'number', synonyms: ['monthly charges', 'monthlycharges', 'mrr', 'monthly revenue', '月费', '月消费'] },
  ],
  orders: [
    { name: 'order_id', kind: 'id', synonyms: ['order_id', 'order id', 'orderid', 'invoice', 'invoiceno', 'invoice no', 'invoice number', 'order number', 'deal id', 'opportunity id', 'transaction id', '订单号', '订单编号', '单号', '单据编号', '发票号', 'order no', 'sales order', '销售订单编号', '订单编码'] },
    customerId,
    { name: 'order_date', kind: 'timestamp', required: true, synonyms: ['order_date', 'order date', 'date', 'invoicedate', 'invoice date', 'close date', 'closedate', 'purchase date', 'transaction date', 'created date', '下单时间', '订单日期', '下单日期', '日期', '成交日期', '单据日期', '交易时间', '付款时间', 'closing date', 'order time', '订单创建时间', '订单时间', '业务日期'] },
    { name: 'amount', kind: 'number', synonyms: ['amount', 'dollar_value', 'total', 'revenue', 'sales', 'value', 'order amount', 'deal amount', 'total amount', 'net amount', '金额', '订单金额', '实付金额', '销售额', '成交金额', '价税合计', '实收金额', '应收金额', 'order total', 'grand total', 'paid amount', 'payment amount', '买家实际支付金额', '销售订单金额', '订单总额', '总金额', '支付金额', '付款金额', '含税金额'] },
    { name: 'quantity', kind: 'number', synonyms: ['quantity', 'qty', 'number_of_cds', 'units', '数量', '购买数量', '销售数量', '宝贝总数量', '件数'] },
    { name: 'unit_price', kind: 'number', synonyms: ['unit_price', 'unitprice', 'unit price', 'price', '单价', '含税单价'] },
    { name: 'status', kind: 'text', synonyms: ['status', 'order status', 'stage', 'deal stage', '订单状态', '状态'] },
    /** Derived: cancelled/refunded rows (or negative quantities) are returns, not purchases. */
    { name: 'is_return', kind: 'boolean', synonyms: [] },
  ],
  subscriptions: [
    { name: 'subscription_id', kind: 'id', synonyms: ['subscription_id', 'subscription id', 'contract id', 'contract number', '合同编号', '合同号', '订阅编号'] },
    customerId,
    { name: 'plan', kind: 'text', synonyms: ['plan', 'product', 'package', 'edition', '套餐', '产品', '版本', '合同类型'] },
    { name: 'start_date', kind: 'date', required: true, synonyms: ['start_date', 'start date', 'contract start', 'subscription start', 'effective date', '开始日期', '合同开始日期', '生效日期', '起始日期'] },
    { name: 'end_date', kind: 'date', synonyms: ['end_date', 'end date', 'subscription end', 'subscription end date', 'cancel date', 'cancelled at', 'canceled at', 'contract end', 'contract end date', 'expiry date', 'expiration date', 'expires at', 'ended at', 'churn date', '结束日期', '合同结束日期', '到期日期', '到期时间', '终止日期', '取消日期', '结束时间'] },
    { name: 'mrr', kind: 'number', synonyms: ['mrr', 'monthly recurring revenue', 'monthly amount', 'monthly fee', '月度经常性收入', '月费'] },
    { name: 'amount', kind: 'number', synonyms: ['amount', 'contract amount', 'acv', 'arr', '合同金额', '金额'] },
    { name: 'billing_period', kind: 'text', synonyms: ['billing_period', 'billing period', 'billing cycle', 'term', '计费周期', '付费周期'] },
    { name: 'renewal_date', kind: 'date', synonyms: ['renewal_date', 'renewal date', 'next renewal', '续约日期', '续费日期'] },
    { name: 'cancel_reason', kind: 'text', synonyms: ['cancel_reason', 'cancel reason', 'churn reason', 'cancellation reason', '流失原因', '取消原因', '退订原因'] },
  ],
  activity: [
    customerId,
    { name: 'event_date', kind: 'timestamp', required: true, synonyms: ['event_date', 'event date', 'date', 'timestamp', 'login time', 'visit date', 'activity date', '日期', '登录时间', '访问时间', '活动日期'] },
    { name: 'event_type', kind: 'text', synonyms: ['event_type', 'event type', 'event', 'action', 'feature', 'activity type', '事件', '事件类型', '功能', '行为'] },
    { name: 'count', kind: 'number', synonyms: ['count', 'events', 'sessions', 'logins', 'visits', '次数', '登录次数', '访问次数'] },
  ],
  tickets: [
    { name: 'ticket_id', kind: 'id', synonyms: ['ticket_id', 'ticket id', 'case id', 'case number', 'ticket number', '工单号', '工单编号', '服务单号'] },
    customerId,
    { name: 'opened_at', kind: 'timestamp', required: true, synonyms: ['opened_at', 'opened at', 'created at', 'create date', 'created date', 'date opened', 'open date', '创建时间', '提交时间', '受理时间', '报修时间'] },
    { name: 'first_response_at', kind: 'timestamp', synonyms: ['first_response_at', 'first response at', 'first response', 'first response time', 'responded at', '首次响应时间', '响应时间'] },
    { name: 'closed_at', kind: 'timestamp', synonyms: ['closed_at', 'closed at', 'date closed', 'resolved at', 'close date', '关闭时间', '解决时间', '完成时间', 'solved at', 'solved date'] },
    { name: 'type', kind: 'text', synonyms: ['type', 'ticket type', 'case type', 'category', 'case reason', '类型', '工单类型', '服务类型'] },
    { name: 'satisfaction', kind: 'number', synonyms: ['satisfaction', 'csat', 'rating', 'satisfaction score', '满意度', '评分'] },
    { name: 'status', kind: 'text', synonyms: ['status', 'ticket status', '状态', '工单状态'] },
  ],
  nps: [
    customerId,
    { name: 'survey_date', kind: 'date', required: true, synonyms: ['survey_date', 'survey date', 'date', 'response date', 'submitted at', '调查日期', '日期', '提交时间'] },
    { name: 'score', kind: 'number', required: true, synonyms: ['score', 'nps', 'nps score', 'likelihood to recommend', 'rating', '评分', '推荐值', 'nps评分', '推荐意愿'] },
  ],
  interventions: [
    customerId,
    { name: 'action_date', kind: 'date', required: true, synonyms: ['action_date', 'action date', 'date', 'contact date', '日期', '执行日期', '回访日期', '挽回日期'] },
    { name: 'action', kind: 'text', synonyms: ['action', 'intervention', 'campaign', 'treatment', '动作', '措施', '挽回措施', '干预措施'] },
    { name: 'cost', kind: 'number', synonyms: ['cost', 'spend', 'expense', 'amount', 'coupon amount', '成本', '费用', '金额', '优惠金额'] },
    { name: 'outcome', kind: 'text', synonyms: ['outcome', 'result', 'status', '结果', '挽回结果'] },
  ],
};

/** Bookkeeping columns every canonical table carries: where the row came from. */
export const PROVENANCE_COLUMNS = [
  { name: '_source', sql: 'VARCHAR' },
  { name: '_line', sql: 'BIGINT' },
] as const;

/**
 * Extra columns of customer snapshots (Telco's Contract, tenure ...) live in long format so
 * any number of files with any extra columns can share one table.
 */
export const CUSTOMER_ATTRIBUTES_TABLE = 'customer_attributes';
export const CUSTOMER_ATTRIBUTES_DDL =
  `CREATE TABLE IF NOT EXISTS ${CUSTOMER_ATTRIBUTES_TABLE} (customer_id VARCHAR, attribute VARCHAR, value_text VARCHAR, value_num DOUBLE, _source VARCHAR)`;

/** CREATE TABLE statement for a canonical table (idempotent). */
export function canonicalDDL(table: CanonicalTable): string {
  const cols = SCHEMA[table].map((c) => `"${c.name}" ${KIND_SQL_TYPE[c.kind]}`);
  for (const p of PROVENANCE_COLUMNS) cols.push(`"${p.name}" ${p.sql}`);
  return `CREATE TABLE IF NOT EXISTS ${table} (${cols.join(', ')})`;
}

/** Creates every canonical table, empty, so analytics SQL can always reference them. */
export function allCanonicalDDL(): string[] {
  return [...CANONICAL_TABLES.map(canonicalDDL), CUSTOMER_ATTRIBUTES_DDL];
}
