import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES, SHARED_DATA } from '../helpers/engine';
import { createTextDecoder, detectEncoding } from '../../src/ingest/encoding';
import { sniffDelimiter, sniffHasHeader, splitWhitespaceLine } from '../../src/ingest/delimiter';
import { profileColumn } from '../../src/ingest/values/profile';
import {
  CRM_PRESETS, detectTable, headerSignature, mappingForTable, matchPreset, normaliseHeader, type ColumnMapping, type DetectionResult,
} from '../../src/ingest/detect/detectTable';

/** Headers and column profiles of a delimited text, the way the pipeline samples a staged file. */
function sampleText(text: string, maxRows = 5000) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const { delimiter } = sniffDelimiter(lines.slice(0, 50));
  const rows = lines.slice(0, maxRows + 1).map((l) => (delimiter === 'whitespace' ? splitWhitespaceLine(l) : l.split(delimiter)));
  const hasHeader = sniffHasHeader(rows.slice(0, 50));
  const headers = hasHeader ? rows[0] : rows[0].map((_, i) => `column${i}`);
  const body = hasHeader ? rows.slice(1) : rows.slice(0, maxRows);
  return { headers, profiles: headers.map((h, i) => profileColumn(h, body.map((r) => r[i] ?? null))) };
}

function sharedFile(path: string) {
  return sampleText(readFileSync(SHARED_DATA + path, 'utf8'));
}

/** Profiles for header-only cases: each column gets the given sample values. */
function withValues(columns: Record<string, string[]>) {
  const headers = Object.keys(columns);
  return { headers, profiles: headers.map((h) => profileColumn(h, columns[h])) };
}

const targets = (mapping: ColumnMapping[]) => Object.fromEntries(mapping.filter((m) => m.target).map((m) => [m.source, m.target]));

function expectEachTargetOnce(result: DetectionResult | ColumnMapping[]) {
  const mapping = Array.isArray(result) ? result : result.mapping;
  const used = mapping.filter((m) => m.target).map((m) => m.target);
  expect(new Set(used).size).toBe(used.length);
}

describe('normaliseHeader and headerSignature', () => {
  it('lower-cases, trims, strips BOM and quotes, collapses separators and makes full-width ASCII', () => {
    expect(normaliseHeader('\uFEFF"Customer_ID" ')).toBe('customer id');
    expect(normaliseHeader('Billing  State/Province')).toBe('billing state/province');
    expect(normaliseHeader('number_of_cds')).toBe('number of cds');
    expect(normaliseHeader('Account-Name.id')).toBe('account name id');
    expect(normaliseHeader('“客户ＩＤ”')).toBe('客户id');
    expect(normaliseHeader('  金额（元）')).toBe('金额(元)');
  });

  it('gives one signature to the same header set in any order, case or spacing, and another to a different set', () => {
    const a = headerSignature(['Customer ID', 'Order Date', 'Amount']);
    expect(headerSignature(['amount', 'order_date', 'customer id'])).toBe(a);
    expect(headerSignature(['Customer ID', 'Order Date', 'Amount', 'Status'])).not.toBe(a);
    expect(a).toMatch(/^h3-[0-9a-f]{8}$/);
  });
});

describe('detectTable on the shared real data', () => {
  it('detects the Telco snapshot as customers with status, monthly value and typed extras', () => {
    const { headers, profiles } = sharedFile('telco/Telco-Customer-Churn.csv');
    const result = detectTable(headers, profiles, 'Telco-Customer-Churn.csv');
    expect(result.table).toBe('customers');
    expect(result.confidence).toBeGreaterThanOrEqual(0.8);
    expect(targets(result.mapping)).toEqual({ customerID: 'customer_id', MonthlyCharges: 'monthly_value', Churn: 'status' });
    const extras = Object.fromEntries(result.mapping.filter((m) => !m.target).map((m) => [m.source, m.kind]));
    expect(extras).toMatchObject({ tenure: 'number', SeniorCitizen: 'number', TotalCharges: 'number', gender: 'text', Contract: 'text', Partner: 'text' });
    expect(Object.keys(extras)).toHaveLength(18);
    expect(result.mapping.every((m) => m.target || m.reason === 'extra')).toBe(true);
  });

  it('detects CDNOW_master as orders: date -> order_date, number_of_cds -> quantity, dollar_value -> amount', () => {
    const { headers, profiles } = sharedFile('cdnow/CDNOW_master.txt');
    const result = detectTable(headers, profiles, 'CDNOW_master.txt');
    expect(result.table).toBe('orders');
    expect(targets(result.mapping)).toEqual({ customer_id: 'customer_id', date: 'order_date', number_of_cds: 'quantity', dollar_value: 'amount' });
    expect(result.confidence).toBeGreaterThanOrEqual(0.8);
    expect(profiles[1]).toMatchObject({ hasCompactDate: true, inferred: 'date' });
  });

  it('detects the headerless CDNOW_sample as orders by content, keyed by the dense renumbered id', () => {
    const { headers, profiles } = sharedFile('cdnow/CDNOW_sample.txt');
    expect(headers).toEqual(['column0', 'column1', 'column2', 'column3', 'column4']);
    const result = detectTable(headers, profiles, 'CDNOW_sample.txt');
    expect(result.table).toBe('orders');
    expect(targets(result.mapping)).toEqual({ column1: 'customer_id', column2: 'order_date', column3: 'quantity', column4: 'amount' });
    expect(result.mapping.filter((m) => m.target).every((m) => m.reason === 'content')).toBe(true);
    // Content alone is weaker evidence than headers: the UI should offer a check.
    expect(result.confidence).toBeLessThan(0.8);
  });

  it('detects the CDNOW summary (ID, frequency, recency, T) as a customer list', () => {
    const { headers, profiles } = sharedFile('cdnow/cdnow_customers_summary.csv');
    const result = detectTable(headers, profiles, 'cdnow_customers_summary.csv');
    expect(result.table).toBe('customers');
    expect(targets(result.mapping)).toEqual({ ID: 'customer_id' });
  });

  it('detects the GBK customer fixture after decoding, mapping the Chinese headers', () => {
    const bytes = new Uint8Array(readFileSync(FIXTURES + 'gbk-customers.csv'));
    const { headers, profiles } = sampleText(createTextDecoder(detectEncoding(bytes).encoding).decode(bytes));
    const result = detectTable(headers, profiles, 'gbk-customers.csv');
    expect(result.table).toBe('customers');
    expect(targets(result.mapping)).toEqual({
      客户编号: 'customer_id', 客户名称: 'name', 注册日期: 'signup_date', 客户等级: 'tier', 所属行业: 'industry', 客户状态: 'status',
    });
  });
});

describe('CRM presets', () => {
  it('recognises UCI Online Retail and maps it as orders', () => {
    const { headers, profiles } = withValues({
      InvoiceNo: ['536365', '536365', 'C536379'], StockCode: ['85123A', '71053', 'D'], Description: ['WHITE HANGING HEART', 'LANTERN', 'Discount'],
      Quantity: ['6', '6', '-1'], InvoiceDate: ['12/1/2010 8:26', '12/1/2010 8:26', '12/1/2010 9:41'], UnitPrice: ['2.55', '3.39', '27.5'],
      CustomerID: ['17850.0', '17850.0', '14527.0'], Country: ['United Kingdom', 'United Kingdom', 'United Kingdom'],
    });
    const result = detectTable(headers, profiles, 'Online Retail.xlsx');
    expect(result).toMatchObject({ table: 'orders', preset: 'uci-online-retail' });
    expect(targets(result.mapping)).toEqual({ InvoiceNo: 'order_id', Quantity: 'quantity', InvoiceDate: 'order_date', UnitPrice: 'unit_price', CustomerID: 'customer_id' });
    expect(result.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('reads HubSpot Record ID as the company in a companies export and as the deal in a deals export', () => {
    const companies = withValues({
      'Record ID': ['101', '102'], 'Company name': ['Acme', 'Beta'], 'Company owner': ['Ann', 'Bo'], 'Create Date': ['2024-01-02 10:00', '2024-02-03 11:00'],
      'Lifecycle Stage': ['Customer', 'Lead'], Industry: ['Software', 'Retail'], 'State/Region': ['CA', 'NY'],
    });
    const c = detectTable(companies.headers, companies.profiles, 'hubspot-crm-exports-all-companies.csv');
    expect(c).toMatchObject({ table: 'customers', preset: 'hubspot-companies' });
    expect(targets(c.mapping)).toMatchObject({ 'Record ID': 'customer_id', 'Company name': 'name', 'Lifecycle Stage': 'status', 'Create Date': 'signup_date' });

    const deals = withValues({
      'Record ID': ['9001', '9002'], 'Deal Name': ['Renewal', 'Upsell'], 'Deal Stage': ['Closed won', 'Closed lost'], 'Close Date': ['2024-03-01', '2024-03-05'],
      Amount: ['12000', '5000'], Pipeline: ['Sales', 'Sales'], 'Associated Company IDs': ['101', '102'],
    });
    const d = detectTable(deals.headers, deals.profiles, 'hubspot-crm-exports-all-deals.csv');
    expect(d).toMatchObject({ table: 'orders', preset: 'hubspot-deals' });
    expect(targets(d.mapping)).toEqual({ 'Record ID': 'order_id', 'Associated Company IDs': 'customer_id', 'Deal Stage': 'status', 'Close Date': 'order_date', Amount: 'amount' });
  });

  it('maps a Salesforce opportunity report to orders (Close Date, not Created Date, is the order date)', () => {
    const { headers, profiles } = withValues({
      'Opportunity Owner': ['Ann'], 'Account Name': ['Acme'], 'Opportunity Name': ['Acme renewal'], Stage: ['Closed Won'], Amount: ['$12,000.00'],
      'Close Date': ['3/31/2024'], 'Created Date': ['1/15/2024'], 'Opportunity ID': ['0065g00000ABCDE'], 'Account ID': ['0015g00000XYZ12'],
    });
    const result = detectTable(headers, profiles, 'report1711900000000.csv');
    expect(result).toMatchObject({ table: 'orders', preset: 'salesforce-opportunities' });
    expect(targets(result.mapping)).toEqual({ 'Opportunity ID': 'order_id', 'Account ID': 'customer_id', 'Close Date': 'order_date', Amount: 'amount', Stage: 'status' });
  });

  it('maps a Salesforce account export to customers', () => {
    const { headers, profiles } = withValues({
      'Account Owner': ['Ann'], 'Account Name': ['Acme'], Type: ['Customer - Direct'], 'Billing State/Province': ['CA'], Industry: ['Energy'],
      'Created Date': ['1/15/2023'], 'Account ID': ['0015g00000XYZ12'],
    });
    const result = detectTable(headers, profiles);
    expect(result).toMatchObject({ table: 'customers', preset: 'salesforce-accounts' });
    expect(targets(result.mapping)).toEqual({
      'Account Owner': 'owner', 'Account Name': 'name', Type: 'segment', 'Billing State/Province': 'region', Industry: 'industry', 'Created Date': 'signup_date', 'Account ID': 'customer_id',
    });
  });

  it('maps a 金蝶云星空 sales order export (单据编号, 日期, 客户, 价税合计)', () => {
    const { headers, profiles } = withValues({
      单据编号: ['XSDD000001', 'XSDD000002'], 日期: ['2024/1/5', '2024/1/6'], 客户: ['星河贸易', '远航物流'], 物料编码: ['1.01.001', '1.01.002'],
      物料名称: ['打印纸', '墨盒'], 销售数量: ['10', '2'], 含税单价: ['25.00', '180.00'], 价税合计: ['250.00', '360.00'], 单据状态: ['已审核', '已审核'],
    });
    const result = detectTable(headers, profiles, '销售订单.xlsx');
    expect(result).toMatchObject({ table: 'orders', preset: 'kingdee-sales-orders' });
    expect(targets(result.mapping)).toEqual({
      单据编号: 'order_id', 日期: 'order_date', 客户: 'customer_id', 销售数量: 'quantity', 含税单价: 'unit_price', 价税合计: 'amount', 单据状态: 'status',
    });
  });

  it('maps a 简道云 customer form without a customer number: the name is the id', () => {
    const { headers, profiles } = withValues({
      客户名称: ['北京星辰科技', '上海云帆贸易'], 客户等级: ['A', 'B'], 客户来源: ['官网', '展会'], 客户状态: ['正常', '已流失'],
      负责人: ['张三', '李四'], 提交人: ['张三', '李四'], 提交时间: ['2024-01-02 10:00:00', '2024-01-03 11:00:00'], 更新时间: ['2024-02-02 10:00:00', '2024-02-03 11:00:00'],
    });
    const result = detectTable(headers, profiles, '客户管理.xlsx');
    expect(result).toMatchObject({ table: 'customers', preset: 'jiandaoyun-customers' });
    expect(targets(result.mapping)).toEqual({
      客户名称: 'customer_id', 客户等级: 'tier', 客户来源: 'channel', 客户状态: 'status', 负责人: 'owner', 提交时间: 'signup_date',
    });
  });

  it('matches nothing for a few generic headers', () => {
    expect(matchPreset(['Name', 'Amount', 'Date'])).toBeNull();
    expect(matchPreset(['customerID', 'gender', 'tenure', 'Churn'])).toBeNull();
  });

  it('finds every preset from its own header list and maps the preset columns onto real canonical columns', () => {
    for (const preset of CRM_PRESETS) {
      expect(matchPreset(preset.headers)?.preset.id, preset.id).toBe(preset.id);
      const { headers, profiles } = withValues(Object.fromEntries(preset.headers.map((h) => [h, []])));
      const mapping = mappingForTable(preset.table, headers, profiles, preset);
      expectEachTargetOnce(mapping);
      for (const [col, candidates] of Object.entries(preset.columns)) {
        const present = candidates.find((c) => preset.headers.includes(c));
        if (present) expect(mapping.some((m) => m.target === col), `${preset.id}.${col}`).toBe(true);
      }
    }
  });
});

describe('mappingForTable and generic headers', () => {
  const generic = withValues({
    customer_id: ['C1', 'C1', 'C2'], date: ['2024-01-02', '2024-01-09', '2024-01-03'], status: ['closed', 'open', 'closed'], amount: ['10', '20', '30'],
  });

  it('puts a generic "date" on the forced table\'s own date column', () => {
    expect(targets(mappingForTable('orders', generic.headers, generic.profiles))).toMatchObject({ date: 'order_date', status: 'status', amount: 'amount' });
    expect(targets(mappingForTable('activity', generic.headers, generic.profiles))).toMatchObject({ date: 'event_date' });
    expect(targets(mappingForTable('interventions', generic.headers, generic.profiles))).toMatchObject({ date: 'action_date', status: 'outcome', amount: 'cost' });
    expect(targets(mappingForTable('subscriptions', generic.headers, generic.profiles))).toMatchObject({ amount: 'amount' });
  });

  it('never maps two sources to one canonical column', () => {
    const { headers, profiles } = withValues({
      'Order ID': ['1', '2'], 'Order Number': ['A1', 'A2'], Date: ['2024-01-01', '2024-01-02'], 'Order Date': ['2024-01-01', '2024-01-02'],
      Customer: ['C1', 'C2'], 'Customer ID': ['C1', 'C2'], Amount: ['1', '2'], Total: ['1', '2'],
    });
    const mapping = mappingForTable('orders', headers, profiles);
    expectEachTargetOnce(mapping);
    expect(targets(mapping)).toMatchObject({ 'Order ID': 'order_id', 'Order Date': 'order_date', 'Customer ID': 'customer_id', Amount: 'amount' });
  });

  it('does not map a header to a date column when its values are not dates', () => {
    const { headers, profiles } = withValues({ customer_id: ['C1', 'C2'], 'Last Activity Date': ['n/a', 'soon'], amount: ['5', '6'] });
    expect(targets(mappingForTable('orders', headers, profiles))['Last Activity Date']).toBeUndefined();
  });

  it('keeps unmatched columns as extras typed number or text', () => {
    const mapping = mappingForTable('customers', ['客户编号', '年消费', '备注'], [
      profileColumn('客户编号', ['C1', 'C2']), profileColumn('年消费', ['¥1,200', '¥300']), profileColumn('备注', ['VIP', '无']),
    ]);
    expect(mapping).toEqual([
      { source: '客户编号', target: 'customer_id', kind: 'id', confidence: 1, reason: 'header' },
      { source: '年消费', target: null, kind: 'number', confidence: 1, reason: 'extra' },
      { source: '备注', target: null, kind: 'text', confidence: 1, reason: 'extra' },
    ]);
  });
});

describe('detectTable scoring', () => {
  it('detects an NPS survey by its 0-10 score column', () => {
    const { headers, profiles } = withValues({ customer_id: ['C1', 'C2', 'C3', 'C4'], date: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'], score: ['9', '3', '10', '7'] });
    const result = detectTable(headers, profiles, 'survey.csv');
    expect(result.table).toBe('nps');
    expect(targets(result.mapping)).toEqual({ customer_id: 'customer_id', date: 'survey_date', score: 'score' });
  });

  it('detects tickets by their headers', () => {
    const { headers, profiles } = withValues({
      工单号: ['T1', 'T2'], 客户编号: ['C1', 'C2'], 创建时间: ['2024-01-01 09:00', '2024-01-02 10:00'], 关闭时间: ['2024-01-01 12:00', ''],
      工单类型: ['投诉', '咨询'], 满意度: ['5', '3'],
    });
    const result = detectTable(headers, profiles, '工单.xlsx');
    expect(result.table).toBe('tickets');
    expect(targets(result.mapping)).toEqual({ 工单号: 'ticket_id', 客户编号: 'customer_id', 创建时间: 'opened_at', 关闭时间: 'closed_at', 工单类型: 'type', 满意度: 'satisfaction' });
  });

  it('uses the file or sheet name to break a tie between tables', () => {
    const { headers, profiles } = withValues({ 客户编号: ['C1', 'C1', 'C2'], 日期: ['2024-01-01', '2024-01-02', '2024-01-02'] });
    expect(detectTable(headers, profiles, '登录记录.csv').table).toBe('activity');
    expect(detectTable(headers, profiles, '回访记录.csv').table).toBe('interventions');
  });

  it('claims no table for a file it cannot place, listing the candidates', () => {
    const { headers, profiles } = withValues({ foo: ['a', 'b'], bar: ['x', 'y'] });
    const result = detectTable(headers, profiles, 'notes.csv');
    expect(result.table).toBeNull();
    expect(result.preset).toBeNull();
    expect(result.mapping.every((m) => m.target === null)).toBe(true);
    expect(result.reason).toMatch(/no table fits/);
  });

  it('lists the other tables as alternatives with lower confidence', () => {
    const { headers, profiles } = sharedFile('cdnow/CDNOW_master.txt');
    const result = detectTable(headers, profiles);
    expect(result.alternatives.map((a) => a.table)).not.toContain('orders');
    expect(Math.max(...result.alternatives.map((a) => a.confidence))).toBeLessThan(result.confidence);
  });
});
