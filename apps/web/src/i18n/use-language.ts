import type { Locale } from '@kindling/contracts/auth';
import { useTranslation } from 'react-i18next';
import { normaliseLanguage, setLanguage } from './index';

/** The current UI language and a setter; re-renders when the language changes. */
export function useLanguage(): [Locale, (language: Locale) => void] {
  const { i18n } = useTranslation();
  const language = normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
  return [language, (next) => void setLanguage(next)];
}
