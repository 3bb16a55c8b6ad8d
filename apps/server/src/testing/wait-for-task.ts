import type { Task } from '@kindling/contracts/tasks';
import { callAs, type TestContext, type TestUser } from './test-app';

/** Polls a background task until it succeeds or fails (the job runs in-process with `workers: true`). */
export async function waitForTask(ctx: TestContext, user: TestUser, taskId: string): Promise<Task> {
  for (let i = 0; i < 100; i++) {
    const task = (await callAs(ctx, user, 'GET', `/api/v1/tasks/${taskId}`)).json<Task>();
    if (task.status === 'succeeded' || task.status === 'failed') return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('task did not finish in 10 s');
}
