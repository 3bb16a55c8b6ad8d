import { UnorderedListOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTasksPanel } from './tasks-context';

export function TasksButton() {
  const { t } = useTranslation();
  const { setOpen, activeCount } = useTasksPanel();
  return (
    <Tooltip title={t('tasks.title')}>
      <Badge count={activeCount} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<UnorderedListOutlined />}
          onClick={() => setOpen(true)}
          data-testid="tasks-button"
          aria-label={t('tasks.title')}
        >
          {t('tasks.button')}
        </Button>
      </Badge>
    </Tooltip>
  );
}
