import { isCompanyFilterKey } from '@kindling/contracts/company-filter-fields';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { operatorsFor, type FieldCondition } from '@kindling/contracts/filters';
import { Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFilterBuilder } from './filter-builder-context';
import { newFieldCondition, withOperator, type NodePath } from './filter-tree';
import { NodeIssues, useNodeIssues } from './node-issues';
import { ValueInput } from './value-input';
import { RemoveNodeButton } from './remove-node-button';

/** "field · operator · value" for one field condition. */
export function FieldConditionEditor({ condition, path }: { condition: FieldCondition; path: NodePath }) {
  const { t } = useTranslation();
  const { catalog, fields, words, replace, remove } = useFilterBuilder();
  const issues = useNodeIssues(path);
  const field = fields.get(condition.field);
  const status = issues.length > 0 ? 'error' : undefined;

  // Archived fields are not offered for new conditions, but one already in the filter stays readable.
  const offered = catalog.filter((f) => !f.archived || f.key === condition.field);
  const optionOf = (f: FieldDefinition) => ({
    value: f.key,
    label: `${words.field(f.key)}${f.archived ? t('filters.archived') : ''}`,
  });
  const leadOptions = offered.filter((f) => !isCompanyFilterKey(f.key)).map(optionOf);
  const companyOptions = offered.filter((f) => isCompanyFilterKey(f.key)).map(optionOf);
  // The lead's company's fields (company.*) in a group of their own.
  const fieldOptions =
    companyOptions.length === 0
      ? leadOptions
      : [
          { label: t('companies.filterGroups.lead'), title: 'lead', options: leadOptions },
          { label: t('companies.filterGroups.company'), title: 'company', options: companyOptions },
        ];

  return (
    <Flex vertical gap={4} className="filter-condition" data-testid="filter-condition">
      <Flex gap={8} wrap align="center">
        <Select<string>
          value={field ? condition.field : undefined}
          placeholder={t('filters.fieldPlaceholder')}
          options={fieldOptions}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(key) => {
            const def = fields.get(key);
            if (def) replace(path, newFieldCondition(def));
          }}
          style={{ width: 180 }}
          data-testid="filter-field"
        />
        <Select<string>
          value={condition.operator}
          placeholder={t('filters.operatorPlaceholder')}
          disabled={!field}
          options={(field ? operatorsFor(field.type) : []).map((op) => ({ value: op, label: words.operator(op) }))}
          onChange={(op) => replace(path, withOperator(condition, field, op))}
          style={{ width: 160 }}
          data-testid="filter-operator"
        />
        {field && (
          <ValueInput
            field={field}
            operator={condition.operator}
            value={condition.value}
            status={status}
            onChange={(value) => {
              const { value: _old, ...rest } = condition;
              replace(path, value === undefined ? rest : { ...rest, value });
            }}
          />
        )}
        <RemoveNodeButton onRemove={() => remove(path)} />
      </Flex>
      <NodeIssues messages={issues} />
    </Flex>
  );
}
