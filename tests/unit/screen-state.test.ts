// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { effectScope } from 'vue';
import { buildSearch, decodeFilter, encodeFilter, parseUrlState } from '../../src/stores/urlState';
import { useDrillStore } from '../../src/stores/drill';
import { lampLevel } from '../../src/composables/lampLevel';
import { useCarousel, INTERACTION_PAUSE_MS } from '../../src/composables/useCarousel';
import type { KpiSet } from '../../src/analytics/screen/types';

describe('drilled state in the URL', () => {
  it('round-trips any text, including separators and hostile values', () => {
    const filter = [{ dimension: 'region', value: '华东' }, { dimension: 'attr:Contract', value: "a~b:c' OR 1=1 --" }];
    expect(decodeFilter(encodeFilter(filter))).toEqual(filter);
  });

  it('keeps wall parameters when the drill changes and reads them back', () => {
    const search = buildSearch('?pages=overview,analysis&dwell=20&kiosk=1', { view: 'list', page: 'analysis', filter: [{ dimension: 'risk_tier', value: 'red' }], customer: null });
    const s = parseUrlState(search);
    expect(s).toMatchObject({ view: 'list', page: 'analysis', pages: ['overview', 'analysis'], dwell: 20, kiosk: true, filter: [{ dimension: 'risk_tier', value: 'red' }] });
    expect(parseUrlState('?dwell=0&refresh=1&lang=en&theme=light')).toMatchObject({ dwell: 30, refresh: 0, lang: 'en', theme: 'light', kiosk: false });
  });
});

describe('drill store', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/');
    setActivePinia(createPinia());
  });

  it('pushes a step per click, opens list and customer, and Back climbs one level at a time', () => {
    const drill = useDrillStore();
    drill.drill({ dimension: 'risk_tier', value: 'red' });
    drill.drill({ dimension: 'risk_tier', value: 'red' });
    drill.drill({ dimension: 'rfm_segment', value: 'At Risk' });
    drill.openList();
    drill.openCustomer('C1');
    expect(parseUrlState(location.search)).toMatchObject({ view: 'customer', customer: 'C1', filter: [{ dimension: 'risk_tier', value: 'red' }, { dimension: 'rfm_segment', value: 'At Risk' }] });
    expect(drill.depth).toBe(4);
    drill.back();
    expect(drill.view).toBe('list');
    drill.back();
    expect([drill.view, drill.filter.length]).toEqual(['screen', 2]);
    drill.back();
    drill.back();
    expect([drill.filter.length, drill.depth, location.search]).toEqual([0, 0, '']);
  });

  it('restores a bookmarked drill URL on start', () => {
    history.replaceState(null, '', '/?view=list&drill=region%3A%E5%8D%8E%E4%B8%9C');
    const drill = useDrillStore();
    expect(drill.view).toBe('list');
    expect(drill.filter).toEqual([{ dimension: 'region', value: '华东' }]);
  });
});

describe('warning lamp', () => {
  const kpis = (rate: number, red: number, customers: number) =>
    ({ customers: { value: customers, previous: null }, churnRate: { value: rate, previous: null }, redCustomers: { value: red, previous: null } }) as KpiSet;
  it('is red above the churn threshold, amber when over 5% of customers are red-tier, else green', () => {
    expect(lampLevel(kpis(0.06, 0, 100), 0.05)).toBe('red');
    expect(lampLevel(kpis(0.01, 6, 100), 0.05)).toBe('amber');
    expect(lampLevel(kpis(0.01, 5, 100), 0.05)).toBe('green');
    expect(lampLevel(null, 0.05)).toBe('green');
  });
});

describe('carousel', () => {
  it('moves every dwell, pauses after an interaction, remembers its position, and leaves no timer behind', () => {
    vi.useFakeTimers();
    sessionStorage.clear();
    let now = 0;
    const clock = { now: () => now };
    const shown: string[] = [];
    const scope = effectScope();
    const c = scope.run(() => useCarousel(['overview', 'analysis'], 10, (p) => shown.push(p), clock))!;
    const tick = (ms: number) => {
      for (let t = 0; t < ms; t += 1000) {
        now += 1000;
        vi.advanceTimersByTime(1000);
      }
    };
    tick(10_000);
    expect(shown).toEqual(['overview', 'analysis']);
    window.dispatchEvent(new Event('keydown'));
    tick(30_000);
    expect(c.paused.value).toBe(true);
    expect(shown).toHaveLength(2);
    // The pause ends 60 s after the key press; the carousel moves on and records where it is.
    tick(INTERACTION_PAUSE_MS - 30_000);
    expect(c.paused.value).toBe(false);
    expect(shown).toEqual(['overview', 'analysis', 'overview']);
    expect(sessionStorage.getItem('churnwatch.carousel')).toBe('0');
    scope.stop();
    const count = shown.length;
    tick(60_000);
    expect(shown).toHaveLength(count);
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });
});
