import type { Task } from '@kindling/contracts/tasks';
import { createContext, useContext, useState, type ReactNode } from 'react';
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
  return (
    <TasksContext value={{ open, setOpen, tasks: data, loading: isPending, error, activeCount }}>
      {children}
    </TasksContext>
  );
}

export function useTasksPanel(): TasksPanel {
  const panel = useContext(TasksContext);
  if (!panel) throw new Error('useTasksPanel() used outside TasksProvider');
  return panel;
}
