import { Button, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeadActivities, useLeadActivityTypes } from '../../api/use-activities';
import { useMembers } from '../../api/use-members';
import { behaviourName } from '../../components/filter-builder/filter-words';
import { QueryErrorResult } from '../../components/query-error-result';
import { useLoadOnVisible } from '../../hooks/use-load-on-visible';
import { ActivityEntry, activityColor, ActivityTypeName } from './activity-entry';

/** Every touch of the lead, newest first, filtered by type, loading older entries as the reader scrolls. */
export function LeadTimeline({ leadId }: { leadId: string }) {
  const [types, setTypes] = useState<string[]>([]);
  return (
    <div data-testid="lead-timeline">
      <TypeChips leadId={leadId} value={types} onChange={setTypes} />
      <TimelineContent leadId={leadId} types={types} />
    </div>
  );
}

/** "All" plus one chip per type in this lead's timeline, with its count; several types can be on at once. */
function TypeChips({
  leadId,
  value,
  onChange,
}: {
  leadId: string;
  value: string[];
  onChange: (types: string[]) => void;
}) {
  const { t } = useTranslation();
  const types = useLeadActivityTypes(leadId);
  const items = types.data ?? [];
  if (items.length < 2) return null;
  const toggle = (type: string, on: boolean) => onChange(on ? [...value, type] : value.filter((v) => v !== type));
  return (
    <Flex
      wrap
      gap={4}
      align="center"
      role="group"
      aria-label={t('timeline.filterLabel')}
      style={{ marginBottom: 16 }}
      data-testid="timeline-type-filter"
    >
      <Tag.CheckableTag checked={value.length === 0} onChange={() => onChange([])}>
        {t('timeline.allTypes')}
      </Tag.CheckableTag>
      {items.map(({ type, count }) => (
        <Tag.CheckableTag key={type} checked={value.includes(type)} onChange={(on) => toggle(type, on)}>
          {behaviourName(t, type) ?? <ActivityTypeName type={type} />} {count}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

function TimelineContent({ leadId, types }: { leadId: string; types: string[] }) {
  const { t } = useTranslation();
  const activities = useLeadActivities(leadId, types);
  const members = useMembers();
  const names = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.userId, member.name])),
    [members.data],
  );
  const nameOf = useCallback((userId: string) => names.get(userId), [names]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = activities;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const sentinel = useLoadOnVisible(loadMore, hasNextPage && !isFetchingNextPage);

  if (activities.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (!activities.data) return <QueryErrorResult error={activities.error} onRetry={() => void activities.refetch()} />;

  const items = activities.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    const empty = types.length > 0 ? t('timeline.emptyFiltered') : t('activities.empty');
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  }

  return (
    <>
      <Timeline
        items={items.map((activity) => ({
          key: activity.id,
          color: activityColor(activity.type),
          content: <ActivityEntry activity={activity} nameOf={nameOf} />,
        }))}
      />
      <Flex justify="center" ref={sentinel}>
        {hasNextPage ? (
          // Scrolling loads more by itself; the button stays for keyboards and browsers without the observer.
          <Button onClick={loadMore} loading={isFetchingNextPage} data-testid="timeline-load-more">
            {isFetchingNextPage ? t('timeline.loadingMore') : t('activities.loadMore')}
          </Button>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('activities.noMore')}
          </Typography.Text>
        )}
      </Flex>
    </>
  );
}
