// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope, nextTick, reactive, watch } from 'vue';
import { sameData } from '../../src/composables/sameData';
import { usePanelData } from '../../src/composables/usePanelData';
import { useDatasetStore } from '../../src/stores/dataset';
import { loadRiskList } from '../../src/analytics/screen/riskList';
import type { CustomerRow } from '../../src/analytics/screen/types';

describe('sameData', () => {
  it('is true for equal plain data, read through Vue proxies or not', () => {
    expect(sameData({ a: [1, { b: 'x', c: null }], d: NaN }, { d: NaN, a: [1, { c: null, b: 'x' }] })).toBe(true);
    expect(sameData(reactive({ rows: [{ id: 'C1' }] }), { rows: [{ id: 'C1' }] })).toBe(true);
    expect(sameData(null, null)).toBe(true);
  });

  it('is false for any difference in a value, a key, a length or a type', () => {
    expect(sameData({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameData({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
  });

  it('compares other objects (dates) only by identity', () => {
    const d = new Date(0);
    expect(sameData({ d }, { d })).toBe(true);
    expect(sameData({ d }, { d: new Date(0) })).toBe(false);
  });
});

const row = (id: string, score: number): CustomerRow =>
  ({ customer_id: id, name: id, score, risk_tier: 'red', reasons: ['silent'], owner: null, value: 100 }) as unknown as CustomerRow;

describe('usePanelData with published results', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/');
    setActivePinia(createPinia());
  });

  /** Publishes `rows` as the risk list the workspace computed, as screenBuilder does: new objects. */
  function publish(rows: CustomerRow[]): void {
    const state = useDatasetStore().workspace.state;
    state.screen.panels = { ...state.screen.panels, 'zh-CN': { ...state.screen.panels['zh-CN'], riskList: rows } };
  }

  it('keeps the result it shows when an equal one is published, and takes a changed one', async () => {
    publish([row('C1', 20), row('C2', 30)]);
    const scope = effectScope();
    const { data, loaded } = scope.run(() => usePanelData(loadRiskList))!;
    let changes = 0;
    scope.run(() => watch(data, () => changes++));
    await nextTick();
    expect(loaded.value).toBe(true);
    const first = data.value;
    expect(first?.map((r) => r.customer_id)).toEqual(['C1', 'C2']);

    publish([row('C1', 20), row('C2', 30)]);
    await nextTick();
    await nextTick();
    expect(data.value).toBe(first);
    expect(changes).toBe(0);

    publish([row('C1', 20), row('C2', 31)]);
    await nextTick();
    await nextTick();
    expect(changes).toBe(1);
    expect(data.value?.map((r) => r.score)).toEqual([20, 31]);
    scope.stop();
  });
});
