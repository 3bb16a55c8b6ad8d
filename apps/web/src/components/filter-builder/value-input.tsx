import type { FieldDefinition } from '@kindling/contracts/fields';
import { operatorSpec, TEXT_LIKE_TYPES } from '@kindling/contracts/filters';
import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { localized } from '../../pages/leads/custom-fields';
import { OwnerSelect } from '../../pages/leads/owner-select';
import { dayjs } from '../../time/dayjs';

interface ValueInputProps {
  field: FieldDefinition;
  operator: string;
  value: unknown;
  onChange: (value: unknown) => void;
  status?: 'error';
}

const DAY = 'YYYY-MM-DD';
const WIDTH = 240;

const asString = (v: unknown) => (typeof v === 'string' ? v : undefined);
const asNumber = (v: unknown) => (typeof v === 'number' ? v : null);
const asStrings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asPair = (v: unknown): [unknown, unknown] => (Array.isArray(v) ? [v[0], v[1]] : [undefined, undefined]);
const toDay = (v: unknown): Dayjs | null => (typeof v === 'string' && v ? dayjs(v.slice(0, 10), DAY) : null);
/** Cleared inputs mean "no value", which the validator reports as missing. */
const orUndefined = <T,>(v: T | null | '' | undefined) => (v === null || v === '' ? undefined : v);

/**
 * The value editor for a field condition: its shape comes from the operator registry (one value, a list, a
 * range, a number of days or nothing), its kind from the field type. Dates are sent as 'YYYY-MM-DD' (datetime
 * fields read a day in the workspace time zone).
 */
export function ValueInput({ field, operator, value, onChange, status }: ValueInputProps) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const shape = operatorSpec(field.type, operator)?.shape ?? 'none';
  const options = field.options.map((o) => ({ value: o.value, label: localized(o.label, language) }));
  const isDate = field.type === 'date' || field.type === 'datetime';

  if (shape === 'none') return null;
  if (shape === 'days') {
    return (
      <InputNumber
        min={0}
        max={3650}
        precision={0}
        status={status}
        value={asNumber(value)}
        onChange={(n) => onChange(orUndefined(n))}
        suffix={t('filters.days')}
        style={{ width: 140 }}
      />
    );
  }
  if (shape === 'range') {
    const [from, to] = asPair(value);
    if (isDate) {
      return (
        <DatePicker.RangePicker
          status={status}
          value={[toDay(from), toDay(to)]}
          onChange={(range) =>
            onChange(range?.[0] && range[1] ? [range[0].format(DAY), range[1].format(DAY)] : undefined)
          }
          style={{ width: WIDTH }}
        />
      );
    }
    return (
      <Space.Compact style={{ width: WIDTH }}>
        <InputNumber
          status={status}
          placeholder={t('filters.from')}
          value={asNumber(from)}
          onChange={(n) => onChange([n ?? undefined, to])}
        />
        <InputNumber
          status={status}
          placeholder={t('filters.to')}
          value={asNumber(to)}
          onChange={(n) => onChange([from, n ?? undefined])}
        />
      </Space.Compact>
    );
  }
  if (shape === 'list') {
    const listProps = {
      mode: 'multiple' as const,
      status,
      value: asStrings(value),
      onChange: (next: string[]) => onChange(next.length > 0 ? next : undefined),
      style: { width: WIDTH },
      maxTagCount: 'responsive' as const,
    };
    if (field.type === 'user') return <OwnerSelect<string[]> {...listProps} />;
    if (TEXT_LIKE_TYPES.has(field.type)) {
      return <Select<string[]> {...listProps} mode="tags" open={false} placeholder={t('filters.valuesPlaceholder')} />;
    }
    return <Select<string[]> {...listProps} options={options} placeholder={t('filters.selectPlaceholder')} />;
  }
  // shape === 'one'
  if (field.type === 'number') {
    return (
      <InputNumber
        status={status}
        value={asNumber(value)}
        onChange={(n) => onChange(orUndefined(n))}
        placeholder={t('filters.valuePlaceholder')}
        style={{ width: WIDTH }}
      />
    );
  }
  if (isDate) {
    return (
      <DatePicker
        status={status}
        value={toDay(value)}
        onChange={(day) => onChange(day ? day.format(DAY) : undefined)}
        style={{ width: WIDTH }}
      />
    );
  }
  if (field.type === 'user') {
    return (
      <OwnerSelect
        status={status}
        value={asString(value)}
        onChange={(v) => onChange(orUndefined(v))}
        style={{ width: WIDTH }}
      />
    );
  }
  if (field.type === 'single_select' || field.type === 'multi_select') {
    return (
      <Select<string>
        status={status}
        value={asString(value)}
        onChange={onChange}
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('filters.selectPlaceholder')}
        style={{ width: WIDTH }}
      />
    );
  }
  return (
    <Input
      status={status}
      value={asString(value) ?? ''}
      onChange={(e) => onChange(orUndefined(e.target.value))}
      placeholder={t('filters.valuePlaceholder')}
      maxLength={500}
      style={{ width: WIDTH }}
    />
  );
}
