import { COMPANY_SIZES, type CompanySize } from '@kindling/contracts/companies';
import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** Pick a head-count band (人员规模), smallest first. */
export function CompanySizeSelect(props: Omit<SelectProps<CompanySize>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<CompanySize>
      allowClear
      placeholder={t('companies.form.sizePlaceholder')}
      {...props}
      options={COMPANY_SIZES.map((size) => ({ value: size, label: t('companies.sizeLabel', { band: size }) }))}
    />
  );
}
