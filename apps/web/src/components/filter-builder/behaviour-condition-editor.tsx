import type { BehaviourCondition } from '@kindling/contracts/filters';
import { AutoComplete, Flex, InputNumber, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFilterBuilder } from './filter-builder-context';
import type { NodePath } from './filter-tree';
import { KNOWN_ACTIVITY_TYPES } from './filter-words';
import { NodeIssues, useNodeIssues } from './node-issues';
import { RemoveNodeButton } from './remove-node-button';

/** "did <activity> at least/at most N times in the last D days". Property predicates are not edited yet. */
export function BehaviourConditionEditor({ condition, path }: { condition: BehaviourCondition; path: NodePath }) {
  const { t } = useTranslation();
  const { words, replace, remove } = useFilterBuilder();
  const issues = useNodeIssues(path);
  const status = issues.length > 0 ? 'error' : undefined;
  const update = (patch: Partial<BehaviourCondition>) => replace(path, { ...condition, ...patch });

  return (
    <Flex vertical gap={4} className="filter-condition" data-testid="filter-behaviour">
      <Flex gap={8} wrap align="center">
        <Tag color="purple">{t('filters.behaviour.label')}</Tag>
        <AutoComplete
          value={condition.activityType}
          status={status}
          options={KNOWN_ACTIVITY_TYPES.map((type) => ({ value: type, label: words.activity(type) }))}
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
      <NodeIssues messages={issues} />
    </Flex>
  );
}
