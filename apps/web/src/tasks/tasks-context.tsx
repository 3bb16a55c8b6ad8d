import type { Task } from '@kindling/contracts/tasks';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { queryKeys } from '../api/query-keys';
import { isTaskActive, useTasks } from '../api/use-tasks';

interface TasksPanel {
  open: boolean;
  setOpen: (open: boolean) => void;
  tasks: Task[] | undefined;
  loading: boolean;
  error: unknown;
  activeCount: number;
}

const TasksContext = createContext<TasksPanel | null>(null);

/** One tasks query for the whole console: the header badge and the drawer read it, exports open the drawer. */
export function TasksProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const { data, isPending, error } = useTasks(open);
  const activeCount = data?.filter(isTaskActive).length ?? 0;
  useRefreshLeadsAfterBulkTasks(data);
  return (
    <TasksContext value={{ open, setOpen, tasks: data, loading: isPending, error, activeCount }}>
      {children}
    </TasksContext>
  );
}

/** A bulk action that ran in the background changed leads: lists, details and timelines shown anywhere are stale. */
function useRefreshLeadsAfterBulkTasks(tasks: Task[] | undefined) {
  const queryClient = useQueryClient();
  const finished = (tasks ?? [])
    .filter((task) => task.kind.startsWith('leads.bulk-') && task.status === 'succeeded')
    .map((task) => task.id)
    .join(',');
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: queryKeys.leads });
  }, [finished, queryClient]);
}

export function useTasksPanel(): TasksPanel {
  const panel = useContext(TasksContext);
  if (!panel) throw new Error('useTasksPanel() used outside TasksProvider');
  return panel;
}
