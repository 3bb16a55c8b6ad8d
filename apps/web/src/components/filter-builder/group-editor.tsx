import { BranchesOutlined, CloseOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { FilterGroup } from '@kindling/contracts/filters';
import { Button, Checkbox, Flex, Segmented, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BehaviourConditionEditor } from './behaviour-condition-editor';
import { FieldConditionEditor } from './field-condition-editor';
import { useFilterBuilder } from './filter-builder-context';
import { canNestGroup, newBehaviourCondition, newFieldCondition, newGroup, type NodePath } from './filter-tree';
import { NodeIssues, useNodeIssues } from './node-issues';

/** One and/or group: its connective, "not", its children and the buttons that add more. */
export function GroupEditor({ group, path }: { group: FilterGroup; path: NodePath }) {
  const { t } = useTranslation();
  const { catalog, replace, remove } = useFilterBuilder();
  const issues = useNodeIssues(path);
  const isRoot = path.length === 0;
  const firstField = catalog.find((f) => !f.archived);
  const add = (child: FilterGroup['children'][number]) =>
    replace(path, { ...group, children: [...group.children, child] });

  return (
    <div className={isRoot ? 'filter-group filter-group-root' : 'filter-group'} data-testid="filter-group">
      <Flex gap={8} align="center" wrap>
        <Segmented<FilterGroup['op']>
          size="small"
          value={group.op}
          onChange={(op) => replace(path, { ...group, op })}
          options={[
            { value: 'and', label: t('filters.and') },
            { value: 'or', label: t('filters.or') },
          ]}
          data-testid="filter-group-op"
        />
        <Tooltip title={t('filters.negateHint')}>
          <Checkbox
            checked={group.negate ?? false}
            onChange={(e) => replace(path, { ...group, negate: e.target.checked || undefined })}
          >
            {t('filters.negate')}
          </Checkbox>
        </Tooltip>
        {!isRoot && (
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('filters.remove')}
            onClick={() => remove(path)}
            style={{ marginLeft: 'auto' }}
          />
        )}
      </Flex>
      <Flex vertical gap={8} className="filter-group-children">
        {group.children.length === 0 && <Typography.Text type="secondary">{t('filters.emptyGroup')}</Typography.Text>}
        {group.children.map((child, i) => {
          const childPath = [...path, i];
          // Index keys: conditions have no ids, and siblings only ever move by removal.
          if (child.kind === 'group') return <GroupEditor key={i} group={child} path={childPath} />;
          if (child.kind === 'behaviour')
            return <BehaviourConditionEditor key={i} condition={child} path={childPath} />;
          return <FieldConditionEditor key={i} condition={child} path={childPath} />;
        })}
      </Flex>
      <NodeIssues messages={issues} />
      <Flex gap={8} wrap>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={!firstField}
          onClick={() => firstField && add(newFieldCondition(firstField))}
          data-testid={isRoot ? 'filter-add-condition' : 'filter-group-add-condition'}
        >
          {t('filters.addCondition')}
        </Button>
        <Button size="small" icon={<ThunderboltOutlined />} onClick={() => add(newBehaviourCondition())}>
          {t('filters.addBehaviour')}
        </Button>
        {canNestGroup(path) && (
          <Button
            size="small"
            icon={<BranchesOutlined />}
            onClick={() => add(newGroup())}
            data-testid={isRoot ? 'filter-add-group' : 'filter-group-add-group'}
          >
            {t('filters.addGroup')}
          </Button>
        )}
      </Flex>
    </div>
  );
}
