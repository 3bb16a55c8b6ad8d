import { DownloadOutlined } from '@ant-design/icons';
import type { Task } from '@kindling/contracts/tasks';
import { Button, Card, Flex, Progress, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../api/client';
import { DateTime } from '../components/date-time';
import { importTaskSummary } from '../pages/leads/import/import-task-summary';
import { TaskStatusTag } from './task-status-tag';

/** Task kinds the console knows how to name; others fall back to the server's title. */
const KNOWN_KINDS = [
  'leads.export',
  'leads.import',
  'duplicates.export',
  'leads.bulk-set-field',
  'leads.bulk-delete',
  'leads.bulk-assign',
] as const;
type KnownKind = (typeof KNOWN_KINDS)[number];

function isKnownKind(kind: string): kind is KnownKind {
  return (KNOWN_KINDS as readonly string[]).includes(kind);
}

function percentOf(task: Task): number | undefined {
  if (task.status === 'succeeded') return 100;
  if (!task.progressTotal) return undefined;
  return Math.min(100, Math.round((task.progressDone / task.progressTotal) * 100));
}

function resultSummary(t: TFunction, result: Record<string, unknown>): string {
  const imported = importTaskSummary(t, result);
  if (imported) return imported;
  if (typeof result.rows === 'number') return t('tasks.result.rows', { rows: result.rows });
  // Bulk actions (modules/leads/bulk-*.ts) report how many leads they changed.
  if (typeof result.updated === 'number') return t('tasks.result.updated', { count: result.updated });
  if (typeof result.deleted === 'number') return t('tasks.result.deleted', { count: result.deleted });
  if (typeof result.assigned === 'number') return t('tasks.result.assigned', { count: result.assigned });
  return JSON.stringify(result);
}

export function TaskCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const percent = percentOf(task);
  const progressStatus = task.status === 'failed' ? 'exception' : task.status === 'running' ? 'active' : 'normal';
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong ellipsis>
          {isKnownKind(task.kind) ? t(`tasks.kinds.${task.kind}`) : task.title}
        </Typography.Text>
        <TaskStatusTag status={task.status} />
      </Flex>
      <Progress
        percent={percent ?? 0}
        status={task.status === 'succeeded' ? 'success' : progressStatus}
        size="small"
        format={() =>
          task.progressTotal
            ? t('tasks.progress', { done: task.progressDone, total: task.progressTotal })
            : `${task.progressDone}`
        }
      />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <DateTime value={task.createdAt} />
          {task.result && ` · ${resultSummary(t, task.result)}`}
        </Typography.Text>
        {task.hasFile && (
          <Button size="small" type="link" icon={<DownloadOutlined />} href={apiUrl(`/tasks/${task.id}/file`)}>
            {t('tasks.download')}
          </Button>
        )}
      </Flex>
      {task.error && (
        <Typography.Paragraph type="danger" className="pre-wrap" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {task.error}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
