import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../hooks/use-debounced-value';

const DEBOUNCE_MS = 300;

interface SearchInputProps {
  value: string;
  onSearch: (q: string) => void;
  /** Other lists (companies) say what they search. */
  placeholder?: string;
  testId?: string;
}

/** Quick search (name, email, phone, company): applies 300 ms after typing stops. */
export function LeadSearchInput({ value, onSearch, placeholder, testId = 'leads-search' }: SearchInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const applied = useRef(debounced);

  // The URL changed under us (back button, a reset): show what it says.
  const [seenValue, setSeenValue] = useState(value);
  if (value !== seenValue) {
    setSeenValue(value);
    if (value !== text.trim()) setText(value);
  }

  useEffect(() => {
    if (debounced === applied.current) return;
    applied.current = debounced;
    onSearch(debounced);
  }, [debounced, onSearch]);

  return (
    <Input
      allowClear
      value={text}
      onChange={(event) => setText(event.target.value)}
      prefix={<SearchOutlined />}
      placeholder={placeholder ?? t('leads.list.searchPlaceholder')}
      style={{ width: 300 }}
      maxLength={200}
      data-testid={testId}
    />
  );
}
