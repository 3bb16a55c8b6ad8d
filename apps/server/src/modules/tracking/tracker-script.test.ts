// The tracker files as a site and a mini-program developer fetch them: JavaScript, cacheable, revalidated by ETag,
// loadable from any origin. (The lead wires trackerScriptRoutes into app.ts; this builds a bare app around it.)
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../platform/http/types';
import { trackerScriptRoutes } from './tracker-script';

let app: App;

beforeAll(async () => {
  app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  trackerScriptRoutes(app);
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('tracker scripts', () => {
  it('serves the browser tracker as cacheable JavaScript any site may load', async () => {
    const res = await app.inject({ method: 'GET', url: '/t/k.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // The IIFE that replaces the snippet's queue stub and reads its site key from the script tag.
    expect(res.body).toMatch(/^"use strict";\(\(\)=>\{/);
    expect(res.body).toContain('window.kindling');
    expect(res.body).toContain('data-site');
    expect(res.body).toContain('/t/e');
  });

  it('answers 304 when the ETag still matches, and the same bytes each time', async () => {
    const first = await app.inject({ method: 'GET', url: '/t/k.js' });
    const etag = String(first.headers.etag);
    const again = await app.inject({ method: 'GET', url: '/t/k.js' });
    expect(again.body).toBe(first.body);
    const revalidated = await app.inject({ method: 'GET', url: '/t/k.js', headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    const weak = await app.inject({ method: 'GET', url: '/t/k.js', headers: { 'if-none-match': `"x", W/${etag}` } });
    expect(weak.statusCode).toBe(304);
    const stale = await app.inject({ method: 'GET', url: '/t/k.js', headers: { 'if-none-match': '"old"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('serves the mini-program tracker as CommonJS a mini-program can require()', async () => {
    const res = await app.inject({ method: 'GET', url: '/t/kindling-mp.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.etag).not.toBe((await app.inject({ method: 'GET', url: '/t/k.js' })).headers.etag);
    const requests: { url: string; method: string }[] = [];
    const wx = {
      request: (options: { url: string; method: string }) => requests.push(options),
      getStorageSync: () => '',
      setStorageSync: () => {},
      removeStorageSync: () => {},
    };
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', 'wx', res.body)(module, module.exports, wx);
    expect(typeof module.exports.withTracking).toBe('function');
    (module.exports.init as (options: object) => void)({ endpoint: 'https://kd.example.com', siteKey: 'site_key_12' });
    expect(requests).toEqual([
      expect.objectContaining({ url: 'https://kd.example.com/t/c/site_key_12', method: 'GET' }),
    ]);
  });

  it('knows only its two files', async () => {
    const res = await app.inject({ method: 'GET', url: '/t/other.js' });
    expect(res.statusCode).toBe(404);
  });
});
