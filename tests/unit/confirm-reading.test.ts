// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ConfirmReading from '../../src/components/analyst/ConfirmReading.vue';
import { missingRequired, overrideFromReading, readingRows } from '../../src/components/analyst/readingChoice';
import { createAppI18n } from '../../src/i18n';
import { ingestFile } from '../../src/ingest/ingestFile';
import { bytesInput, type FileReport } from '../../src/ingest/types';
import { createTestEngine } from '../helpers/engine';

// happy-dom resolves import.meta.url paths differently: the fixture is found from the project root.
/** The unsure fixture with hostile markup in its first user id, held by a real load (askWhenUnsure). */
let report: FileReport;
/** A GA4 event export, held: its best reading (activity) has no customer id column. */
let ga4: FileReport;
/** CDNOW_sample.txt (no header row): the table is well above the threshold, a key column is not. */
let cdnow: FileReport;
const XSS = '<img src=x onerror="window.__cwXss=1">';
beforeAll(async () => {
  const qm = await createTestEngine();
  const text = readFileSync(path.resolve('tests/fixtures/realworld/导出数据-0601.csv'), 'utf8').replace('wx_530001', `"${XSS.replace(/"/g, '""')}"`);
  [report] = await ingestFile(qm, bytesInput('导出数据-0601.csv', new TextEncoder().encode(text)), { askWhenUnsure: true });
  [ga4] = await ingestFile(qm, bytesInput('ga4-events-export.csv', readFileSync(path.resolve('tests/fixtures/realworld/ga4-events-export.csv'))), { askWhenUnsure: true });
  [cdnow] = await ingestFile(qm, bytesInput('CDNOW_sample.txt', readFileSync(path.resolve('../shared/data/cdnow/CDNOW_sample.txt'))), { askWhenUnsure: true });
}, 120_000);

const mountCard = (locale: 'zh-CN' | 'en') => mount(ConfirmReading, { props: { report, busy: false }, global: { plugins: [createAppI18n(locale)] } });

describe('the confirmation card of an unsure file', () => {
  it('is asked for by a real load of the file', () => {
    expect(report).toMatchObject({ awaitingChoice: true, rowsLoaded: 0, table: 'customers' });
    expect(report.certainty!.readings.map((r) => r.table)).toEqual(['customers', 'activity']);
  });

  it('shows both readings with five rows each, the first cells as the file has them, and hostile text as text', () => {
    const w = mountCard('en');
    expect(w.findAll('[data-testid="reading-table"]').map((e) => e.text())).toEqual(['Customers', 'Activity']);
    for (const t of ['customers', 'activity']) expect(w.findAll(`[data-testid="reading-${t}"] [data-testid="reading-row"]`)).toHaveLength(5);
    const first = w.find('[data-testid="reading-customers"] tbody tr td');
    expect(first.text()).toBe(XSS);
    expect(w.find('img').exists()).toBe(false);
    expect((window as unknown as { __cwXss?: number }).__cwXss).toBeUndefined();
    expect(readingRows(report, report.certainty!.readings[1])[0]).toEqual([XSS, report.preview[0][1], report.preview[0][2]]);
  });

  it('names the least certain decision as the reason it asks, not the table when the table is sure enough', () => {
    expect(cdnow.awaitingChoice).toBe(true);
    const c = cdnow.certainty!;
    const weakest = c.keys.reduce((a, b) => (b.confidence < a.confidence ? b : a));
    expect(c.table.confidence).toBeGreaterThanOrEqual(0.5);
    expect(weakest.confidence).toBeLessThan(Math.min(0.5, c.table.confidence, c.headerRow.confidence));
    const pct = Math.round(weakest.confidence * 100);
    const en = mount(ConfirmReading, { props: { report: cdnow, busy: false }, global: { plugins: [createAppI18n('en')] } });
    expect(en.find('[data-testid="confirm-why"]').text()).toContain(`least sure of the column for ${weakest.column}: ${pct}%; the app asks below 50%`);
    const zh = mount(ConfirmReading, { props: { report: cdnow, busy: false }, global: { plugins: [createAppI18n('zh-CN')] } });
    expect(zh.find('[data-testid="confirm-why"]').text()).toContain(`最没把握的是${weakest.column} 对应的列，把握为 ${pct}%，低于 50% 时会询问`);
  });

  it('says it in Chinese too', () => {
    const w = mountCard('zh-CN');
    expect(w.find('h4').text()).toBe('请确认这个文件的读法');
    expect(w.find('[data-testid="reading-choose-activity"]').text()).toBe('按活跃行为加载');
  });

  it('emits the reading as an override naming the table and every header, as the mapping editor does', async () => {
    const w = mountCard('en');
    await w.find('[data-testid="reading-choose-activity"]').trigger('click');
    const activity = report.certainty!.readings[1];
    expect(w.emitted('choose')).toEqual([[overrideFromReading(report, activity)]]);
    expect(overrideFromReading(report, activity)).toEqual({ table: 'activity', columns: { 用户: 'customer_id', 日期: 'event_date', 次数: 'count', 状态: null } });
  });

  it('does not offer a reading that leaves a required column unmapped, and says which', () => {
    expect(ga4).toMatchObject({ awaitingChoice: true, rowsLoaded: 0 });
    const activity = ga4.certainty!.readings[0];
    expect(activity.table).toBe('activity');
    expect(missingRequired(activity)).toEqual(['customer_id']);
    expect(report.certainty!.readings.map(missingRequired)).toEqual([[], []]);
    const w = mount(ConfirmReading, { props: { report: ga4, busy: false }, global: { plugins: [createAppI18n('en')] } });
    expect(w.find('[data-testid="reading-choose-activity"]').attributes('disabled')).toBeDefined();
    expect(w.find('[data-testid="reading-missing-activity"]').text()).toBe('This reading leaves customer_id unmapped: choose its column in the mapping below.');
    expect(mountCard('en').find('[data-testid="reading-choose-customers"]').attributes('disabled')).toBeUndefined();
  });
});
