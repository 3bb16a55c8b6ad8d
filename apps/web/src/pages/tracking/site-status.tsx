import { InboxOutlined, UndoOutlined } from '@ant-design/icons';
import type { TrackingSite } from '@kindling/contracts/tracking';
import { App, Button, Popconfirm, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useArchiveTrackingSite } from '../../api/use-tracking';
import { useNotifyError } from '../../errors/use-notify-error';
import { useOptionalSession } from '../../session/session-context';
import { formatDateTime } from '../../time/format';

/** 已安装 (since the first event) / 未安装 / 已归档. */
export function SiteStatusTag({ site }: { site: TrackingSite }) {
  const { t } = useTranslation();
  const timeZone = useOptionalSession()?.workspace.timeZone;
  if (site.archivedAt) return <Tag>{t('tracking.status.archived')}</Tag>;
  if (!site.firstEventAt) return <Tag color="default">{t('tracking.status.notInstalled')}</Tag>;
  return (
    <Tooltip title={t('tracking.status.firstEvent', { time: formatDateTime(site.firstEventAt, timeZone) })}>
      <Tag color="success">{t('tracking.status.installed')}</Tag>
    </Tooltip>
  );
}

/** Archive (the site stops accepting events; its data stays) or restore. */
export function SiteArchiveButton({ site, size = 'small' }: { site: TrackingSite; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const archive = useArchiveTrackingSite();
  const type = size === 'small' ? ('link' as const) : undefined;
  const run = (archived: boolean) =>
    archive.mutateAsync({ id: site.id, archived }).then(
      () =>
        void message.success(t(archived ? 'tracking.site.archived' : 'tracking.site.restored', { name: site.name })),
      (error: unknown) => notifyError(error),
    );

  if (site.archivedAt) {
    return (
      <Button
        type={type}
        size={size}
        icon={<UndoOutlined />}
        loading={archive.isPending}
        onClick={() => void run(false)}
        data-testid="site-restore"
      >
        {t('tracking.restore')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t('tracking.site.archiveConfirm', { name: site.name })}
      description={t('tracking.site.archiveHint')}
      okText={t('tracking.archive')}
      cancelText={t('common.cancel')}
      onConfirm={() => run(true)}
    >
      <Button type={type} size={size} icon={<InboxOutlined />} loading={archive.isPending} data-testid="site-archive">
        {t('tracking.archive')}
      </Button>
    </Popconfirm>
  );
}
