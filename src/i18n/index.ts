import { createI18n } from 'vue-i18n';
import zh from './messages/zh-CN';
import en from './messages/en';

export type Locale = 'zh-CN' | 'en';

/** The app's i18n instance: 中文 by default, English switchable (composition mode). */
export function createAppI18n(locale: Locale = 'zh-CN') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { 'zh-CN': zh, en } });
}
