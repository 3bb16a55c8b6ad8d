import { Drawer, Empty, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryErrorResult } from '../components/query-error-result';
import { TaskCard } from './task-card';
import { useTasksPanel } from './tasks-context';

export function TasksDrawer() {
  const { t } = useTranslation();
  const { open, setOpen, tasks, loading, error } = useTasksPanel();
  return (
    <Drawer title={t('tasks.title')} open={open} onClose={() => setOpen(false)} size={420}>
      {loading ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : !tasks ? (
        <QueryErrorResult error={error} />
      ) : tasks.length === 0 ? (
        <Empty description={t('tasks.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </Flex>
      )}
    </Drawer>
  );
}
