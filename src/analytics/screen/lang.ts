import type { Lang } from '../risk/computed';

/** The screen's language codes (the UI's locale names). */
export type ScreenLang = 'zh-CN' | 'en';

/** The analytics text helpers' language for a screen language. */
export function textLang(lang: ScreenLang): Lang {
  return lang === 'en' ? 'en' : 'zh';
}

/** Picks the text of the screen language from a bilingual pair. */
export function pick(text: { zh: string; en: string }, lang: ScreenLang): string {
  return text[textLang(lang)];
}
