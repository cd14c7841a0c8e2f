import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { parseUrlState } from './urlState';

export type Theme = 'dark' | 'light';
export type Lang = 'zh-CN' | 'en';

const KEY = 'churnwatch.ui';

/** Presentation choices: theme and language (URL parameters win, as a wall is configured by URL). */
export const useUiStore = defineStore('ui', () => {
  const url = parseUrlState(location.search);
  const saved = read();
  const theme = ref<Theme>(url.theme ?? saved.theme ?? 'dark');
  const lang = ref<Lang>(url.lang ?? saved.lang ?? 'zh-CN');
  const kiosk = ref(url.kiosk);

  watch([theme, lang], () => localStorage.setItem(KEY, JSON.stringify({ theme: theme.value, lang: lang.value })));

  return { theme, lang, kiosk };
});

function read(): { theme?: Theme; lang?: Lang } {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as { theme?: Theme; lang?: Lang };
  } catch {
    return {};
  }
}
