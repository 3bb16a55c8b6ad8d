import { PlusOutlined } from '@ant-design/icons';
import type { BehaviourCondition, PropertyPredicate } from '@kindling/contracts/filters';
import { AutoComplete, Button, Flex, InputNumber, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useActivityTypeCatalog } from '../../api/use-activities';
import { useFilterBuilder } from './filter-builder-context';
import type { NodePath } from './filter-tree';
import { KNOWN_ACTIVITY_TYPES } from './filter-words';
import { NodeIssues, useNodeIssues } from './node-issues';
import { emptyValueFor, PropertyPredicateEditor } from './property-predicate-editor';
import { RemoveNodeButton } from './remove-node-button';

/** The contract's limit of property predicates per behaviour condition. */
const MAX_PROPERTIES = 10;

/**
 * "did <activity> at least/at most N times in the last D days", optionally narrowed by property conditions
 * ("where utm.source equals wechat"). Types and property paths seen in the workspace are suggested.
 */
export function BehaviourConditionEditor({ condition, path }: { condition: BehaviourCondition; path: NodePath }) {
  const { t } = useTranslation();
  const { words, replace, remove } = useFilterBuilder();
  const catalog = useActivityTypeCatalog();
  const issues = useNodeIssues(path);
  const status = issues.length > 0 ? 'error' : undefined;
  const update = (patch: Partial<BehaviourCondition>) => replace(path, { ...condition, ...patch });

  const seenTypes = (catalog.data ?? []).map((item) => item.type);
  const typeOptions = [...new Set([...KNOWN_ACTIVITY_TYPES, ...seenTypes])].map((type) => ({
    value: type,
    label: words.activity(type),
  }));
  const known = catalog.data?.find((item) => item.type === condition.activityType)?.properties ?? [];
  const properties = condition.properties ?? [];
  const setProperties = (next: PropertyPredicate[]) => {
    const { properties: _old, ...rest } = condition;
    replace(path, next.length > 0 ? { ...rest, properties: next } : rest);
  };
  const addProperty = () => {
    const first = known[0];
    setProperties([
      ...properties,
      { path: first?.path ?? '', operator: 'equals', value: emptyValueFor(first?.valueType) },
    ]);
  };

  return (
    <Flex vertical gap={4} className="filter-condition" data-testid="filter-behaviour">
      <Flex gap={8} wrap align="center">
        <Tag color="purple">{t('filters.behaviour.label')}</Tag>
        <AutoComplete
          value={condition.activityType}
          status={status}
          options={typeOptions}
          onChange={(activityType: string) => update({ activityType })}
          placeholder={t('filters.behaviour.activityPlaceholder')}
          style={{ width: 200 }}
        />
        <Select<BehaviourCondition['comparison']>
          value={condition.comparison}
          onChange={(comparison) => update({ comparison })}
          options={[
            { value: 'at_least', label: t('filters.behaviour.atLeast') },
            { value: 'at_most', label: t('filters.behaviour.atMost') },
          ]}
          style={{ width: 90 }}
        />
        <InputNumber
          min={0}
          max={100_000}
          precision={0}
          value={condition.count}
          onChange={(count) => update({ count: count ?? 0 })}
          suffix={t('filters.behaviour.times')}
          style={{ width: 110 }}
        />
        <span>{t('filters.behaviour.inLast')}</span>
        <InputNumber
          min={1}
          max={3650}
          precision={0}
          value={condition.withinDays}
          onChange={(withinDays) => update({ withinDays: withinDays ?? 1 })}
          suffix={t('filters.behaviour.days')}
          style={{ width: 120 }}
        />
        <RemoveNodeButton onRemove={() => remove(path)} />
      </Flex>
      {properties.length > 0 && (
        <Flex vertical gap={4} className="filter-properties">
          {properties.map((predicate, i) => (
            <PropertyPredicateEditor
              // Index keys: rows have no ids, and siblings only ever move by removal.
              key={i}
              predicate={predicate}
              known={known}
              onChange={(next) => setProperties(properties.map((p, j) => (j === i ? next : p)))}
              onRemove={() => setProperties(properties.filter((_p, j) => j !== i))}
            />
          ))}
        </Flex>
      )}
      {properties.length < MAX_PROPERTIES && (
        <div>
          <Button
            type="link"
            size="small"
            icon={<PlusOutlined />}
            onClick={addProperty}
            style={{ paddingInline: 0 }}
            data-testid="filter-add-property"
          >
            {t('propertyFilter.add')}
          </Button>
        </div>
      )}
      <NodeIssues messages={issues} />
    </Flex>
  );
}
