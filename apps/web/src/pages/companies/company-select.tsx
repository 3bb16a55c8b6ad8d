import type { CompanyRef } from '@kindling/contracts/companies';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyOptions } from '../../api/use-companies';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

interface CompanySelectProps extends Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'> {
  /** The company chosen now, so its name shows before any search has run. */
  current?: CompanyRef | null;
  /** Not offered (a company cannot be its own parent). */
  excludeId?: string;
}

/** Pick a company of the workspace by name or domain (remote search); the value is its id, null when cleared. */
export function CompanySelect({ current, excludeId, onChange, ...props }: CompanySelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search.trim(), 250);
  const found = useCompanyOptions(q, open);
  const options = (found.data ?? [])
    .filter((company) => company.id !== excludeId)
    .map((company) => ({ value: company.id, label: company.name, title: company.domain ?? company.name }));
  if (current && !options.some((option) => option.value === current.id)) {
    options.unshift({ value: current.id, label: current.name, title: current.name });
  }
  return (
    <Select<string | null>
      allowClear
      placeholder={t('companies.select.placeholder')}
      notFoundContent={found.isFetching ? t('companies.select.searching') : t('companies.select.none')}
      {...props}
      // The server searches (name or domain); the options are its answer, not filtered again here.
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      loading={found.isFetching}
      options={options}
      // antd hands undefined on clear; the API wants null ("no company").
      onChange={(value, option) => onChange?.(value ?? null, option)}
    />
  );
}
