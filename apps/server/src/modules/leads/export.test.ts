import type { Task } from '@kindling/contracts/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createOwner, createTestContext, type TestContext, type TestUser } from '../../testing/test-app';
import { waitForTask } from '../../testing/wait-for-task';

let ctx: TestContext;
let owner: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ workers: true });
  owner = await createOwner(ctx, 'Exporters');
  const rows = [
    {
      name: '张三',
      email: 'zhang@example.com',
      companyName: '上海云启',
      source: 'event',
      industry: '制造业',
      province: '上海',
      city: '上海',
      wechatOpenid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      wechatUnionid: 'uAbC123',
    },
    { name: '=HYPERLINK("http://evil.example","click")', companyName: '+cmd|calc', source: 'event' },
    { name: 'Skip me', source: 'form' },
  ];
  for (const payload of rows) {
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/v1/leads', headers: { cookie: owner.cookie }, payload }))
        .statusCode,
    ).toBe(201);
  }
});
afterAll(() => ctx.close());

describe('exporting leads', () => {
  it('runs as a background task with progress and produces a CSV of the filtered list, formulas neutralised', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/leads/export',
      headers: { cookie: owner.cookie },
      payload: { source: 'event' },
    });
    expect(res.statusCode).toBe(202);
    const queued = res.json<Task>();
    expect(queued).toMatchObject({ kind: 'leads.export', status: 'queued', hasFile: false });

    const done = await waitForTask(ctx, owner, queued.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progressDone: 2,
      progressTotal: 2,
      result: { rows: 2 },
      hasFile: true,
    });

    const file = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/tasks/${queued.id}/file`,
      headers: { cookie: owner.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="leads-\d+\.csv"$/);
    expect(file.body.startsWith('\uFEFF')).toBe(true);
    const lines = file.body.slice(1).trim().split('\n');
    // No columns chosen or saved: every built-in field, labelled in the requester's language (English here).
    expect(lines[0]).toBe(
      'ID,Name,Email,Mobile,Company,Job title,Industry,Province,City,Source,Owner,WeChat OpenID,WeChat UnionID,Created,Updated',
    );
    expect(lines).toHaveLength(3);
    expect(file.body).toContain(
      '张三,zhang@example.com,,上海云启,,制造业,上海,上海,Event,,o6_bmjrPTlm6_2sgVt7hMZOPfL2M,uAbC123,',
    );
    expect(file.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(file.body).toContain(`'+cmd|calc`);
    expect(file.body).not.toContain('Skip me');

    const tasks = (
      await ctx.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: { cookie: owner.cookie } })
    ).json<{ items: Task[] }>();
    expect(tasks.items[0]?.id).toBe(queued.id);
    const audit = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=leads.exported',
        headers: { cookie: owner.cookie },
      })
    ).json();
    expect(audit.items[0]).toMatchObject({
      targetId: queued.id,
      actor: { id: owner.userId },
      details: { filter: { source: 'event' } },
    });
  });

  it('only the requester or an admin can download an export; other workspaces cannot see the task', async () => {
    const manager = await addMember(ctx, owner.workspaceId, 'manager');
    const viewer = await addMember(ctx, owner.workspaceId, 'viewer');
    const task = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/leads/export',
        headers: { cookie: manager.cookie },
        payload: {},
      })
    ).json<Task>();
    await waitForTask(ctx, manager, task.id);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/v1/tasks/${task.id}/file`,
          headers: { cookie: viewer.cookie },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}/file`, headers: { cookie: owner.cookie } }))
        .statusCode,
    ).toBe(200);
    const stranger = await createOwner(ctx, 'Strangers');
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/v1/tasks/${task.id}`, headers: { cookie: stranger.cookie } }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/v1/tasks/${task.id}/file`,
          headers: { cookie: stranger.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });
});
