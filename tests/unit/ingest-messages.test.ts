// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import IngestMessage from '../../src/components/analyst/IngestMessage.vue';
import RejectedRows from '../../src/components/analyst/RejectedRows.vue';
import { createAppI18n } from '../../src/i18n';
import { INGEST_MESSAGES, recogniseMessage, say, type IngestMessageKey } from '../../src/ingest/messages';
import type { FileReport } from '../../src/ingest/types';

/** A value for every slot, distinct per slot, so a translation can be checked to carry each one. */
const sample = (key: IngestMessageKey) => Object.fromEntries([...INGEST_MESSAGES[key].matchAll(/\{(\w+)\}/g)].map((m, i) => [m[1], `v${i}_${m[1]}`]));

describe('loader messages in both languages', () => {
  it('has every message in Chinese and English, each carrying all its values', () => {
    const i18n = createAppI18n('zh-CN');
    for (const key of Object.keys(INGEST_MESSAGES) as IngestMessageKey[]) {
      const params = sample(key);
      for (const locale of ['zh-CN', 'en'] as const) {
        i18n.global.locale.value = locale;
        const text = i18n.global.t(`ingest.${key}`, params);
        expect(text, `${locale} ${key}`).not.toBe(`ingest.${key}`);
        for (const v of Object.values(params)) expect(text, `${locale} ${key}`).toContain(v);
      }
      i18n.global.locale.value = 'en';
      expect(i18n.global.t(`ingest.${key}`, params)).toBe(say(key, params));
    }
  });

  it('finds the key and values of an English message again', () => {
    expect(recogniseMessage('order_date "bad date" is not a date')).toEqual({ key: 'notADate', params: { column: 'order_date', value: 'bad date' } });
    expect(recogniseMessage(say('sheetDeclaresTooManyRows', { sheet: 'Sheet1', declared: 12_000_000, max: 1_000_000 })))
      .toEqual({ key: 'sheetDeclaresTooManyRows', params: { sheet: 'Sheet1', declared: '12,000,000', max: '1,000,000' } });
    expect(recogniseMessage('something else entirely')).toBeNull();
  });

  it('shows a file error in Chinese with the English beside it, and only English in English', () => {
    const error = `zip-bomb.xlsx: ${say('sheetDeclaresTooManyRows', { sheet: 'Sheet1', declared: 12_000_000, max: 1_000_000 })}`;
    const zh = mount(IngestMessage, { props: { text: error }, global: { plugins: [createAppI18n('zh-CN')] } });
    expect(zh.text()).toMatch(/^zip-bomb\.xlsx: 工作表“Sheet1”声明有 12,000,000 行；浏览器每个工作表约能容纳 1,000,000 行。/);
    expect(zh.find('[lang="en"]').text()).toBe(`(${error.slice('zip-bomb.xlsx: '.length)})`);
    const en = mount(IngestMessage, { props: { text: error }, global: { plugins: [createAppI18n('en')] } });
    expect(en.text()).toBe(error);
    const other = mount(IngestMessage, { props: { text: 'HTTP 503' }, global: { plugins: [createAppI18n('zh-CN')] } });
    expect(other.text()).toBe('HTTP 503');
  });

  it('follows each rejected row with its Chinese reason', () => {
    const report = { file: 'a.csv', sheet: null, rejected: [{ line: 5000, reason: say('unclosedQuote') }] } as unknown as FileReport;
    const w = mount(RejectedRows, { props: { report }, global: { plugins: [createPinia(), createAppI18n('zh-CN')] } });
    expect(w.find('[data-testid="rejected-row"]').text()).toBe(`5000${say('unclosedQuote')}`);
    expect(w.find('[data-testid="rejected-row-translation"]').text()).toBe('本行打开的引号没有闭合；只跳过本行，后面的行照常读取');
  });
});
