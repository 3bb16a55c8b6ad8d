import type { Locale } from '@kindling/contracts/auth';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';
import { useLanguage } from '../i18n/use-language';

/** 中文 / English toggle; used in the console header and on the sign-in pages. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const [language, setLanguage] = useLanguage();
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      size="small"
      value={language}
      onChange={setLanguage}
      aria-label={t('language.label')}
      options={LANGUAGES.map((value) => ({
        value,
        label: <span data-testid={`lang-${value}`}>{t(`language.names.${value}`)}</span>,
      }))}
    />
  );
}
