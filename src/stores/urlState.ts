import type { CustomerFilter, DrillStep } from '../analytics/screen/types';

/** Which view the screen shows. */
export type ScreenView = 'screen' | 'list' | 'customer';

/** Everything a URL can say about the screen: the drilled state plus wall-mode parameters. */
export interface UrlState {
  view: ScreenView;
  page: string | null;
  filter: CustomerFilter;
  customer: string | null;
  /** Wall mode: carousel pages (empty = no carousel), dwell seconds, refresh seconds. */
  pages: string[];
  dwell: number;
  refresh: number;
  lang: 'zh-CN' | 'en' | null;
  theme: 'dark' | 'light' | null;
  kiosk: boolean;
}

const STEP_SEPARATOR = '~';
const KV_SEPARATOR = ':';

/** URI-encodes a part, including '~', which encodeURIComponent leaves alone but separates steps here. */
function encodePart(text: string): string {
  return encodeURIComponent(text).replace(/~/g, '%7E');
}

/** Serialises drill steps as `dim:value~dim:value` (each part URI-encoded, so any text is safe). */
export function encodeFilter(filter: CustomerFilter): string {
  return filter.map((s) => `${encodePart(s.dimension)}${KV_SEPARATOR}${encodePart(s.value)}`).join(STEP_SEPARATOR);
}

/** Parses `encodeFilter` output; malformed parts are dropped. */
export function decodeFilter(text: string | null): CustomerFilter {
  if (!text) return [];
  const out: DrillStep[] = [];
  for (const part of text.split(STEP_SEPARATOR)) {
    const i = part.indexOf(KV_SEPARATOR);
    if (i <= 0) continue;
    try {
      out.push({ dimension: decodeURIComponent(part.slice(0, i)), value: decodeURIComponent(part.slice(i + 1)) });
    } catch {
      // A hand-edited URL with a broken escape: skip that step.
    }
  }
  return out;
}

function positive(text: string | null, fallback: number, min: number): number {
  const n = Number(text);
  return Number.isFinite(n) && n >= min ? n : fallback;
}

/** Reads the URL query string. */
export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const view = q.get('view');
  const lang = q.get('lang');
  const theme = q.get('theme');
  return {
    view: view === 'list' || view === 'customer' ? view : 'screen',
    page: q.get('page'),
    filter: decodeFilter(q.get('drill')),
    customer: q.get('customer'),
    pages: (q.get('pages') ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    dwell: positive(q.get('dwell'), 30, 3),
    refresh: positive(q.get('refresh'), 0, 5),
    lang: lang === 'en' ? 'en' : lang === 'zh' || lang === 'zh-CN' ? 'zh-CN' : null,
    theme: theme === 'light' ? 'light' : theme === 'dark' ? 'dark' : null,
    kiosk: q.has('kiosk') && q.get('kiosk') !== '0' && q.get('kiosk') !== 'false',
  };
}

/**
 * Writes the drilled state into the current URL's query, keeping every other parameter (wall
 * settings, demo size) as it was.
 */
export function buildSearch(current: string, state: Pick<UrlState, 'view' | 'page' | 'filter' | 'customer'>): string {
  const q = new URLSearchParams(current);
  const set = (k: string, v: string | null) => (v ? q.set(k, v) : q.delete(k));
  set('view', state.view === 'screen' ? null : state.view);
  set('page', state.page);
  set('drill', state.filter.length ? encodeFilter(state.filter) : null);
  set('customer', state.view === 'customer' ? state.customer : null);
  const s = q.toString();
  return s ? `?${s}` : '';
}
