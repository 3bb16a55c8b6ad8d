import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createTestContext, type TestContext } from '../../testing/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('API surface', () => {
  it('reports health with the database reachable and the version', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: ctx.database.kind,
    });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('publishes an OpenAPI 3 document generated from the Zod schemas, and interactive docs', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/leads', '/api/v1/leads/{id}', '/api/v1/auth/login', '/api/health']),
    );
    const create = doc.paths['/api/v1/leads'].post;
    expect(create.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(create.requestBody.content['application/json'].schema.required).toContain('name');
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown API routes with 404 in the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/v1/nope', details: [], requestId: expect.any(String) },
    });
  });

  it('refuses to start with a /api/v1 route that declares no permission', async () => {
    const app = await buildApp({ database: ctx.database, config: ctx.config, jobs: ctx.jobs, logger: false });
    expect(() => app.get('/api/v1/unguarded', async () => 'oops')).toThrow(
      /declares neither a permission nor an access level/,
    );
    await app.close();
  });
});
