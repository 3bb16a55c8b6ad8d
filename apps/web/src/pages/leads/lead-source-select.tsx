import { LEAD_SOURCES, type LeadSource } from '@kindling/contracts/leads';
import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** A Select over LEAD_SOURCES with translated labels (used by the list filter and the lead form). */
export function LeadSourceSelect(props: Omit<SelectProps<LeadSource>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<LeadSource>
      {...props}
      options={LEAD_SOURCES.map((source) => ({ value: source, label: t(`leads.sources.${source}`) }))}
    />
  );
}
