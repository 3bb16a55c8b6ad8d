import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulkOutcome } from '../../api/use-bulk';
import { useTasksPanel } from '../../tasks/tasks-context';

/**
 * Tells the user how a bulk action went: done at once → `describe(result)`; more than 1,000 leads → it runs in
 * the background, and the tasks drawer opens on its progress.
 */
export function useReportBulkOutcome() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tasksPanel = useTasksPanel();
  return <R>(outcome: BulkOutcome<R>, describe: (result: R) => string) => {
    if (outcome.done) {
      void message.success(describe(outcome.result));
      return;
    }
    void message.info(t('bulk.taskStarted'));
    tasksPanel.setOpen(true);
  };
}
