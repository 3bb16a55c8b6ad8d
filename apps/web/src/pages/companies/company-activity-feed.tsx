import { Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCompanyActivities } from '../../api/use-companies';
import { useMembers } from '../../api/use-members';
import { QueryErrorResult } from '../../components/query-error-result';
import { ActivityEntry, activityColor } from '../leads/activity-entry';

/** The account's timeline: what happened to any of the company's leads, newest first, each naming its lead. */
export function CompanyActivityFeed({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const activities = useCompanyActivities(companyId);
  const members = useMembers();
  const names = useMemo(
    () => new Map((members.data ?? []).map((member) => [member.userId, member.name])),
    [members.data],
  );
  const nameOf = useCallback((userId: string) => names.get(userId), [names]);

  if (activities.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (!activities.data) return <QueryErrorResult error={activities.error} onRetry={() => void activities.refetch()} />;
  const items = activities.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('companies.detail.noActivity')} />;
  }

  return (
    <div data-testid="company-activity">
      <Timeline
        items={items.map((activity) => ({
          key: activity.id,
          color: activityColor(activity.type),
          content: (
            <Flex vertical gap={2}>
              <Link to={`/leads/${activity.lead.id}`} style={{ fontSize: 12 }}>
                {activity.lead.name}
              </Link>
              <ActivityEntry activity={activity} nameOf={nameOf} />
            </Flex>
          ),
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
    </div>
  );
}
