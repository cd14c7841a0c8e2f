import type { CanonicalTable } from '../schema';
import { headerCoreKey, headerKey } from './headers';

/**
 * Header sets of the CRM/ERP exports data-model.md lists. A preset names its table and, per
 * canonical column, the headers to take it from in order of preference (the first one present
 * and not yet used wins), which settles what synonyms cannot (HubSpot's 'Record ID' is the
 * company in a companies export but the deal in a deals export).
 */
export interface CrmPreset {
  id: string;
  label: string;
  table: CanonicalTable;
  /** Typical headers of the export, as the product writes them. */
  headers: string[];
  /** Canonical column -> source headers in order of preference. */
  columns: Record<string, string[]>;
}

/** The built-in presets. */
export const CRM_PRESETS: CrmPreset[] = [
  {
    id: 'salesforce-accounts',
    label: 'Salesforce accounts (report export)',
    table: 'customers',
    headers: ['Account ID', 'Account Name', 'Account Owner', 'Type', 'Industry', 'Rating', 'Billing City', 'Billing State/Province',
      'Billing Country', 'Phone', 'Website', 'Annual Revenue', 'Employees', 'Account Source', 'Created Date', 'Last Activity', 'Last Modified Date'],
    columns: {
      customer_id: ['Account ID', 'Account Name'], name: ['Account Name'], owner: ['Account Owner'], segment: ['Type'],
      industry: ['Industry'], region: ['Billing State/Province', 'Billing Country'], channel: ['Account Source'], signup_date: ['Created Date'],
    },
  },
  {
    id: 'salesforce-accounts-dataloader',
    label: 'Salesforce accounts (Data Loader)',
    table: 'customers',
    headers: ['ID', 'NAME', 'TYPE', 'PARENTID', 'BILLINGCITY', 'BILLINGSTATE', 'BILLINGCOUNTRY', 'PHONE', 'WEBSITE', 'INDUSTRY',
      'ANNUALREVENUE', 'NUMBEROFEMPLOYEES', 'OWNERID', 'CREATEDDATE', 'ACCOUNTSOURCE'],
    columns: {
      customer_id: ['ID'], name: ['NAME'], segment: ['TYPE'], industry: ['INDUSTRY'], region: ['BILLINGSTATE', 'BILLINGCOUNTRY'],
      owner: ['OWNERID'], signup_date: ['CREATEDDATE'], channel: ['ACCOUNTSOURCE'],
    },
  },
  {
    id: 'salesforce-opportunities',
    label: 'Salesforce opportunities (report export)',
    table: 'orders',
    headers: ['Opportunity ID', 'Opportunity Name', 'Account ID', 'Account Name', 'Opportunity Owner', 'Stage', 'Amount', 'Probability (%)',
      'Close Date', 'Created Date', 'Fiscal Period', 'Next Step', 'Lead Source', 'Type', 'Age'],
    columns: {
      order_id: ['Opportunity ID'], customer_id: ['Account ID', 'Account Name'], order_date: ['Close Date'], amount: ['Amount'], status: ['Stage'],
    },
  },
  {
    id: 'salesforce-opportunities-dataloader',
    label: 'Salesforce opportunities (Data Loader)',
    table: 'orders',
    headers: ['ID', 'ACCOUNTID', 'NAME', 'STAGENAME', 'AMOUNT', 'PROBABILITY', 'CLOSEDATE', 'TYPE', 'LEADSOURCE', 'ISCLOSED', 'ISWON', 'OWNERID', 'CREATEDDATE'],
    columns: { order_id: ['ID'], customer_id: ['ACCOUNTID'], order_date: ['CLOSEDATE'], amount: ['AMOUNT'], status: ['STAGENAME'] },
  },
  {
    id: 'hubspot-companies',
    label: 'HubSpot companies',
    table: 'customers',
    headers: ['Record ID', 'Company name', 'Company owner', 'Create Date', 'Phone Number', 'Last Activity Date', 'City', 'State/Region',
      'Country/Region', 'Industry', 'Lifecycle Stage', 'Company Domain Name', 'Number of Employees', 'Annual Revenue', 'Type', 'Lead Status'],
    columns: {
      customer_id: ['Record ID', 'Company name'], name: ['Company name'], owner: ['Company owner'], signup_date: ['Create Date'],
      region: ['State/Region', 'Country/Region'], industry: ['Industry'], status: ['Lifecycle Stage'], segment: ['Type'],
    },
  },
  {
    id: 'hubspot-contacts',
    label: 'HubSpot contacts',
    table: 'customers',
    headers: ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Contact owner', 'Lifecycle Stage', 'Lead Status',
      'Create Date', 'Last Activity Date', 'Associated Company', 'Marketing contact status'],
    columns: {
      customer_id: ['Record ID', 'Email'], name: ['Email'], owner: ['Contact owner'], signup_date: ['Create Date'], status: ['Lifecycle Stage'],
    },
  },
  {
    id: 'hubspot-deals',
    label: 'HubSpot deals',
    table: 'orders',
    headers: ['Record ID', 'Deal Name', 'Deal Stage', 'Close Date', 'Deal owner', 'Amount', 'Pipeline', 'Create Date', 'Deal Type',
      'Associated Company IDs', 'Associated Company', 'Associated Contact IDs', 'Last Activity Date'],
    columns: {
      order_id: ['Record ID'],
      customer_id: ['Associated Company IDs (Primary)', 'Associated Company IDs', 'Associated Company (Primary)', 'Associated Company'],
      order_date: ['Close Date'], amount: ['Amount'], status: ['Deal Stage'],
    },
  },
  {
    id: 'zoho-accounts',
    label: 'Zoho CRM accounts',
    table: 'customers',
    headers: ['Record Id', 'Account Owner', 'Account Name', 'Account Site', 'Parent Account', 'Account Number', 'Account Type', 'Industry',
      'Annual Revenue', 'Rating', 'Phone', 'Website', 'Employees', 'Billing City', 'Billing State', 'Billing Country', 'Created By',
      'Created Time', 'Modified Time', 'Last Activity Time', 'Description'],
    columns: {
      customer_id: ['Record Id', 'Account Number', 'Account Name'], name: ['Account Name'], owner: ['Account Owner'],
      segment: ['Account Type'], industry: ['Industry'], region: ['Billing State', 'Billing Country'], signup_date: ['Created Time'],
    },
  },
  {
    id: 'zoho-deals',
    label: 'Zoho CRM deals',
    table: 'orders',
    headers: ['Record Id', 'Deal Owner', 'Deal Name', 'Amount', 'Closing Date', 'Account Name', 'Stage', 'Type', 'Probability (%)',
      'Expected Revenue', 'Next Step', 'Lead Source', 'Contact Name', 'Created Time', 'Modified Time'],
    columns: {
      order_id: ['Record Id'], customer_id: ['Account Name.id', 'Account Name'], order_date: ['Closing Date'], amount: ['Amount'], status: ['Stage'],
    },
  },
  {
    id: 'jiandaoyun-customers',
    label: '简道云 客户管理',
    table: 'customers',
    headers: ['客户名称', '客户编号', '客户类型', '客户等级', '客户来源', '所属行业', '客户状态', '负责人', '联系人', '联系电话',
      '所在地区', '详细地址', '提交人', '提交时间', '更新时间', '流程状态'],
    columns: {
      customer_id: ['客户编号', '客户名称'], name: ['客户名称'], segment: ['客户类型'], tier: ['客户等级'], channel: ['客户来源'],
      industry: ['所属行业'], status: ['客户状态'], owner: ['负责人', '提交人'], region: ['所在地区'], signup_date: ['创建时间', '提交时间'],
    },
  },
  {
    id: 'jiandaoyun-orders',
    label: '简道云 订单管理',
    table: 'orders',
    headers: ['订单编号', '客户名称', '客户编号', '下单日期', '订单金额', '订单状态', '产品名称', '数量', '单价', '负责人', '提交人',
      '提交时间', '更新时间', '流程状态'],
    columns: {
      order_id: ['订单编号'], customer_id: ['客户编号', '客户名称'], order_date: ['下单日期', '提交时间'], amount: ['订单金额'],
      quantity: ['数量'], unit_price: ['单价'], status: ['订单状态'],
    },
  },
  {
    id: 'fxiaoke-customers',
    label: '纷享销客 客户',
    table: 'customers',
    headers: ['客户名称', '客户编号', '客户级别', '成交状态', '客户来源', '行业', '负责人', '归属部门', '创建时间', '最后修改时间',
      '最后跟进时间', '生命状态', '锁定状态', '国家', '省', '市', '详细地址', '电话'],
    columns: {
      customer_id: ['客户编号', '客户名称'], name: ['客户名称'], tier: ['客户级别'], channel: ['客户来源'], industry: ['行业'],
      owner: ['负责人'], signup_date: ['创建时间'], region: ['省', '国家'], status: ['客户状态'],
    },
  },
  {
    id: 'fxiaoke-sales-orders',
    label: '纷享销客 销售订单',
    table: 'orders',
    headers: ['销售订单编号', '客户名称', '下单日期', '销售订单金额(元)', '已回款金额(元)', '待回款金额(元)', '负责人', '归属部门',
      '创建时间', '最后修改时间', '生命状态'],
    columns: {
      order_id: ['销售订单编号'], customer_id: ['客户名称'], order_date: ['下单日期', '创建时间'], amount: ['销售订单金额(元)', '销售订单金额'],
      status: ['生命状态'],
    },
  },
  {
    id: 'yonyou-customers',
    label: '用友 客户档案',
    table: 'customers',
    headers: ['客户编码', '客户名称', '客户简称', '所属分类', '所属地区', '所属行业', '发展日期', '专管业务员', '专管部门', '信用等级', '停用日期'],
    columns: {
      customer_id: ['客户编码', '客户名称'], name: ['客户名称', '客户简称'], segment: ['所属分类'], region: ['所属地区'],
      industry: ['所属行业'], signup_date: ['发展日期'], owner: ['专管业务员'],
    },
  },
  {
    id: 'yonyou-sales-orders',
    label: '用友 销售订单',
    table: 'orders',
    headers: ['订单号', '订单日期', '客户编码', '客户简称', '存货编码', '存货名称', '数量', '含税单价', '无税单价', '价税合计', '业务员', '部门'],
    columns: {
      order_id: ['订单号'], customer_id: ['客户编码', '客户简称'], order_date: ['订单日期'], amount: ['价税合计'], quantity: ['数量'],
      unit_price: ['含税单价', '无税单价'],
    },
  },
  {
    id: 'kingdee-sales-orders',
    label: '金蝶云星空 销售订单',
    table: 'orders',
    headers: ['单据编号', '日期', '客户', '客户编码', '物料编码', '物料名称', '销售单位', '销售数量', '含税单价', '价税合计', '单据状态',
      '作废状态', '关闭状态', '销售员', '销售组织'],
    columns: {
      order_id: ['单据编号'], customer_id: ['客户编码', '客户'], order_date: ['日期'], amount: ['价税合计'], quantity: ['销售数量'],
      unit_price: ['含税单价'], status: ['作废状态', '单据状态'],
    },
  },
  {
    id: 'kingdee-customers',
    label: '金蝶云星空 客户',
    table: 'customers',
    headers: ['编码', '名称', '客户分组', '客户类别', '创建日期', '数据状态', '禁用状态', '销售员', '国家', '地区'],
    columns: {
      customer_id: ['编码', '名称'], name: ['名称'], segment: ['客户类别', '客户分组'], signup_date: ['创建日期'], status: ['禁用状态'],
      owner: ['销售员'], region: ['地区', '国家'],
    },
  },
  {
    id: 'uci-online-retail',
    label: 'UCI Online Retail',
    table: 'orders',
    headers: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
    columns: {
      order_id: ['InvoiceNo'], customer_id: ['CustomerID'], order_date: ['InvoiceDate'], quantity: ['Quantity'], unit_price: ['UnitPrice'],
    },
  },
  {
    id: 'uci-online-retail-ii',
    label: 'UCI Online Retail II',
    table: 'orders',
    headers: ['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country'],
    columns: {
      order_id: ['Invoice'], customer_id: ['Customer ID'], order_date: ['InvoiceDate'], quantity: ['Quantity'], unit_price: ['Price'],
    },
  },
  {
    id: 'taobao-orders',
    label: '淘宝/天猫 订单报表',
    table: 'orders',
    headers: ['订单编号', '买家会员名', '买家应付货款', '买家实际支付金额', '订单状态', '订单创建时间', '订单付款时间', '宝贝标题',
      '宝贝总数量', '收货地址', '运送方式', '退款金额'],
    columns: {
      order_id: ['订单编号'], customer_id: ['买家会员名'], order_date: ['订单创建时间', '订单付款时间'], amount: ['买家实际支付金额'],
      quantity: ['宝贝总数量'], status: ['订单状态'],
    },
  },
  {
    id: 'zendesk-tickets',
    label: 'Zendesk tickets',
    table: 'tickets',
    headers: ['Id', 'Requester', 'Requester id', 'Organization', 'Subject', 'Group', 'Assignee', 'Status', 'Ticket type', 'Priority',
      'Created at', 'Updated at', 'Solved at'],
    columns: {
      ticket_id: ['Id'], customer_id: ['Organization', 'Requester id', 'Requester'], opened_at: ['Created at'], closed_at: ['Solved at'],
      type: ['Ticket type'], status: ['Status'],
    },
  },
];

/** Minimum share score and matched headers for a preset to count (a few generic headers are not enough). */
const MIN_PRESET_SCORE = 0.4;
const MIN_PRESET_MATCHES = 3;

function keysOf(headers: string[]): Set<string> {
  const keys = new Set<string>();
  for (const h of headers) {
    keys.add(headerKey(h));
    keys.add(headerCoreKey(h));
  }
  return keys;
}

/**
 * The preset whose headers the file shares most: score = mean of the share of the preset's
 * headers present and the share of the file's headers the preset knows. Null under 0.4 or
 * with fewer than 3 shared headers.
 */
export function matchPreset(headers: string[]): { preset: CrmPreset; score: number } | null {
  const keys = keysOf(headers);
  let best: { preset: CrmPreset; score: number } | null = null;
  for (const preset of CRM_PRESETS) {
    const matched = preset.headers.filter((h) => keys.has(headerKey(h))).length;
    if (matched < MIN_PRESET_MATCHES) continue;
    const score = 0.5 * (matched / preset.headers.length) + 0.5 * Math.min(1, matched / headers.length);
    if (score >= MIN_PRESET_SCORE && (!best || score > best.score)) best = { preset, score: Math.round(score * 100) / 100 };
  }
  return best;
}

/** The index of the first header of `candidates` present in `headers` (normalised compare), skipping `used`. */
export function findPresetHeader(headers: string[], candidates: string[], used: Set<number>): number {
  for (const c of candidates) {
    const key = headerKey(c);
    const i = headers.findIndex((h, j) => !used.has(j) && (headerKey(h) === key || headerCoreKey(h) === key));
    if (i >= 0) return i;
  }
  return -1;
}
