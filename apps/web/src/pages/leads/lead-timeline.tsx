import { Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeadActivities } from '../../api/use-activities';
import { useMembers } from '../../api/use-members';
import { QueryErrorResult } from '../../components/query-error-result';
import { ActivityEntry, activityColor } from './activity-entry';

/** Every touch of the lead, newest first, 30 at a time. */
export function LeadTimeline({ leadId }: { leadId: string }) {
  return (
    <div data-testid="lead-timeline">
      <TimelineContent leadId={leadId} />
    </div>
  );
}

function TimelineContent({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const activities = useLeadActivities(leadId);
  const members = useMembers();
  const names = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.userId, member.name])),
    [members.data],
  );
  const nameOf = useCallback((userId: string) => names.get(userId), [names]);

  if (activities.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (!activities.data) return <QueryErrorResult error={activities.error} onRetry={() => void activities.refetch()} />;

  const items = activities.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.empty')} />;

  return (
    <>
      <Timeline
        items={items.map((activity) => ({
          key: activity.id,
          color: activityColor(activity.type),
          content: <ActivityEntry activity={activity} nameOf={nameOf} />,
        }))}
      />
      <Flex justify="center">
        {activities.hasNextPage ? (
          <Button onClick={() => void activities.fetchNextPage()} loading={activities.isFetchingNextPage}>
            {t('activities.loadMore')}
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
