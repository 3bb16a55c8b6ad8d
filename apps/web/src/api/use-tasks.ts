import { ZTask, type Task } from '@kindling/contracts/tasks';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';

const ZTaskList = z.object({ items: z.array(ZTask) });

export function isTaskActive(task: Task): boolean {
  return task.status === 'queued' || task.status === 'running';
}

/** Polls fast while someone watches (drawer open) or something is in flight, slowly otherwise. */
export function useTasks(watching: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks,
    queryFn: () => api.get('/tasks', ZTaskList),
    select: (data) => data.items,
    refetchInterval: (query) => (watching || query.state.data?.items.some(isTaskActive) ? 2_000 : 15_000),
    staleTime: 0,
  });
}
