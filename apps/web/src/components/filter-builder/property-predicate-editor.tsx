import type { PropertyValueType } from '@kindling/contracts/activities';
import { PROPERTY_OPERATORS, type PropertyPredicate } from '@kindling/contracts/filters';
import { AutoComplete, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RemoveNodeButton } from './remove-node-button';

type PropertyOperator = PropertyPredicate['operator'];

export interface KnownProperty {
  path: string;
  valueType: PropertyValueType;
}

/** A new predicate's value for the property's type, so "equals" compares like with like (5, not "5"). */
export function emptyValueFor(valueType: PropertyValueType | undefined): PropertyPredicate['value'] {
  if (valueType === 'number') return 0;
  if (valueType === 'boolean') return true;
  return '';
}

function ValueInput({
  predicate,
  valueType,
  onChange,
}: {
  predicate: PropertyPredicate;
  valueType: PropertyValueType | undefined;
  onChange: (value: PropertyPredicate['value']) => void;
}) {
  const { t } = useTranslation();
  if (predicate.operator === 'exists') return null;
  // contains is a text match whatever the property holds.
  if (valueType === 'number' && predicate.operator !== 'contains') {
    return (
      <InputNumber
        value={typeof predicate.value === 'number' ? predicate.value : undefined}
        onChange={(value) => onChange(value ?? 0)}
        style={{ width: 140 }}
      />
    );
  }
  if (valueType === 'boolean' && predicate.operator !== 'contains') {
    return (
      <Select<'true' | 'false'>
        value={predicate.value === false ? 'false' : 'true'}
        onChange={(value) => onChange(value === 'true')}
        options={[
          { value: 'true', label: t('propertyFilter.true') },
          { value: 'false', label: t('propertyFilter.false') },
        ]}
        style={{ width: 100 }}
      />
    );
  }
  return (
    <Input
      value={typeof predicate.value === 'string' ? predicate.value : String(predicate.value ?? '')}
      onChange={(event) => onChange(event.target.value)}
      placeholder={t('propertyFilter.valuePlaceholder')}
      maxLength={500}
      style={{ width: 180 }}
    />
  );
}

/** One "and property <path> <operator> <value>" row under a behaviour condition. */
export function PropertyPredicateEditor({
  predicate,
  known,
  onChange,
  onRemove,
}: {
  predicate: PropertyPredicate;
  /** Properties seen on this activity type (suggestions; any path may be typed). */
  known: readonly KnownProperty[];
  onChange: (predicate: PropertyPredicate) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const valueType = known.find((property) => property.path === predicate.path)?.valueType;

  const setOperator = (operator: PropertyOperator) => {
    const { value, ...rest } = predicate;
    if (operator === 'exists') return onChange({ ...rest, operator });
    const keep = value !== undefined && (operator !== 'contains' || typeof value === 'string');
    onChange({ ...rest, operator, value: keep ? value : operator === 'contains' ? '' : emptyValueFor(valueType) });
  };

  const setPath = (path: string) => {
    const nextType = known.find((property) => property.path === path)?.valueType;
    // A value typed for another property's type would compare as the wrong JSON type.
    const retype = predicate.operator !== 'exists' && predicate.operator !== 'contains' && nextType !== valueType;
    onChange(retype ? { ...predicate, path, value: emptyValueFor(nextType) } : { ...predicate, path });
  };

  return (
    <Flex gap={8} wrap align="center" data-testid="filter-property">
      <Typography.Text type="secondary">{t('propertyFilter.where')}</Typography.Text>
      <AutoComplete
        value={predicate.path}
        options={known.map((property) => ({ value: property.path }))}
        onChange={setPath}
        filterOption={(input, option) => String(option?.value ?? '').includes(input)}
        placeholder={t('propertyFilter.pathPlaceholder')}
        style={{ width: 180 }}
        data-testid="filter-property-path"
      />
      <Select<PropertyOperator>
        value={predicate.operator}
        onChange={setOperator}
        options={PROPERTY_OPERATORS.map((operator) => ({
          value: operator,
          label: t(`propertyFilter.operators.${operator}`),
        }))}
        style={{ width: 110 }}
      />
      <ValueInput predicate={predicate} valueType={valueType} onChange={(value) => onChange({ ...predicate, value })} />
      <RemoveNodeButton onRemove={onRemove} label={t('propertyFilter.remove')} />
    </Flex>
  );
}
