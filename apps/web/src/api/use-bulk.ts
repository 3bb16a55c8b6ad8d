import {
  ZBulkDeleteResult,
  ZBulkSetFieldResult,
  type BulkDeleteBody,
  type BulkSetFieldBody,
} from '@kindling/contracts/bulk';
import { ZTask, type Task } from '@kindling/contracts/tasks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from './client';
import { queryKeys } from './query-keys';

/** A bulk action's answer: done at once (at most 1,000 leads) with its counts, or a background task. */
export type BulkOutcome<R> = { done: true; result: R } | { done: false; task: Task };

/** Bulk routes answer 200 with counts or 202 with a task; the body tells which. */
export async function postBulk<S extends z.ZodType>(path: string, body: unknown, result: S) {
  const answer = await api.post(path, z.unknown(), body);
  const task = ZTask.safeParse(answer);
  const outcome: BulkOutcome<z.output<S>> = task.success
    ? { done: false, task: task.data }
    : { done: true, result: result.parse(answer) };
  return outcome;
}

/** After a bulk action: lists, details and timelines are stale, and a task may have started. */
export function useInvalidateAfterBulk() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.leads }),
      queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
    ]);
}

export function useBulkSetField() {
  const invalidate = useInvalidateAfterBulk();
  return useMutation({
    mutationFn: (body: BulkSetFieldBody) => postBulk('/leads/bulk/set-field', body, ZBulkSetFieldResult),
    onSuccess: invalidate,
  });
}

export function useBulkDelete() {
  const invalidate = useInvalidateAfterBulk();
  return useMutation({
    mutationFn: (body: BulkDeleteBody) => postBulk('/leads/bulk/delete', body, ZBulkDeleteResult),
    onSuccess: invalidate,
  });
}
