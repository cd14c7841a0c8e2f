import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CustomerFilter, DrillStep } from '../analytics/screen/types';
import { buildSearch, parseUrlState, type ScreenView } from './urlState';

interface DrillState {
  view: ScreenView;
  page: string | null;
  filter: CustomerFilter;
  customer: string | null;
}

/**
 * The drill path (钻取): cross-filter steps, the view (screen -> customer list -> customer 360)
 * and the page. Every state is a URL (history.pushState), so Back, Esc and bookmarks all work.
 */
export const useDrillStore = defineStore('drill', () => {
  const initial = parseUrlState(location.search);
  const view = ref<ScreenView>(initial.view);
  const page = ref<string | null>(initial.page);
  const filter = ref<CustomerFilter>(initial.filter);
  const customer = ref<string | null>(initial.customer);

  const depth = computed(() => filter.value.length + (view.value === 'screen' ? 0 : 1) + (view.value === 'customer' ? 1 : 0));

  function snapshot(): DrillState {
    return { view: view.value, page: page.value, filter: [...filter.value], customer: customer.value };
  }

  function apply(s: DrillState): void {
    view.value = s.view;
    page.value = s.page;
    filter.value = s.filter;
    customer.value = s.customer;
  }

  function push(next: DrillState): void {
    apply(next);
    history.pushState(null, '', location.pathname + buildSearch(location.search, next) + location.hash);
  }

  /** Adds a cross-filter step (a click on a KPI, bar, cell, segment ...); repeats are ignored. */
  function drill(step: DrillStep): void {
    if (filter.value.some((s) => s.dimension === step.dimension && s.value === step.value)) return;
    push({ ...snapshot(), filter: [...filter.value, step] });
  }

  /** Opens the customer list for the current filter. */
  function openList(): void {
    push({ ...snapshot(), view: 'list', customer: null });
  }

  /** Opens one customer's 360 view. */
  function openCustomer(id: string): void {
    push({ ...snapshot(), view: 'customer', customer: id });
  }

  /** Goes to the breadcrumb position `index` (-1 = top: no filter, the screen). */
  function goTo(index: number): void {
    push({ ...snapshot(), view: 'screen', customer: null, filter: filter.value.slice(0, index + 1) });
  }

  /** Shows a page of the screen (carousel or tab), keeping the filter. */
  function showPage(name: string, record = true): void {
    if (record) push({ ...snapshot(), page: name, view: 'screen', customer: null });
    else {
      page.value = name;
      history.replaceState(null, '', location.pathname + buildSearch(location.search, snapshot()) + location.hash);
    }
  }

  /**
   * One step up the drill path (Esc / the Back button on screen): customer 360 -> list ->
   * screen, then one filter step at a time. Computed from the state rather than
   * history.back(), so a bookmarked drill URL opened cold still steps up inside the app.
   */
  function back(): void {
    if (view.value === 'customer') push({ ...snapshot(), view: 'list', customer: null });
    else if (view.value === 'list') push({ ...snapshot(), view: 'screen' });
    else if (filter.value.length) push({ ...snapshot(), filter: filter.value.slice(0, -1) });
  }

  /** Re-reads the state from the URL (popstate). */
  function syncFromUrl(): void {
    const s = parseUrlState(location.search);
    apply({ view: s.view, page: s.page, filter: s.filter, customer: s.customer });
  }

  return { view, page, filter, customer, depth, drill, openList, openCustomer, goTo, showPage, back, syncFromUrl };
});
