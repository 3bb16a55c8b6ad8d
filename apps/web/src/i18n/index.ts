import type { Locale } from '@kindling/contracts/auth';
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { applyDayjsLocale } from '../time/dayjs';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const LANGUAGES: readonly Locale[] = ['zh-CN', 'en'];
export const LANGUAGE_STORAGE_KEY = 'kindling.lang';

/** Any Chinese variant the browser reports becomes zh-CN; everything else English. */
export function normaliseLanguage(lng: string | null | undefined): Locale {
  return lng?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

i18n.on('languageChanged', (lng) => {
  const language = normaliseLanguage(lng);
  applyDayjsLocale(language);
  document.documentElement.lang = language;
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    load: 'currentOnly',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
      convertDetectedLanguage: normaliseLanguage,
    },
  });

/** Switches the UI language; the detector remembers it in localStorage. */
export function setLanguage(language: Locale): Promise<unknown> {
  return i18n.changeLanguage(language);
}

export { i18n };
