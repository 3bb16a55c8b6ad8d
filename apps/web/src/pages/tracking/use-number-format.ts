import { useMemo } from 'react';
import { useLanguage } from '../../i18n/use-language';

/** Counts and shares in the reader's language (1,234 / 1.234; 12.5%). */
export function useNumberFormat() {
  const [language] = useLanguage();
  return useMemo(() => {
    const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    return {
      count: (value: number) => integer.format(value),
      /** A 0–1 ratio. */
      percent: (ratio: number) => percent.format(ratio),
    };
  }, [language]);
}
