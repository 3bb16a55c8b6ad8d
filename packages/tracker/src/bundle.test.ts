// The files the server serves: the browser tracker stays small, and the mini-program file is CommonJS that works
// when a mini-program require()s it (evaluated here with a fake wx).
import { gzipSync } from 'node:zlib';
import { ZTrackBatch } from '@kindling/contracts/tracking';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTrackerBundle } from './bundle';
import { FakeWx } from './fake-wx';
import type * as MiniProgramModule from './miniprogram';

afterEach(() => {
  vi.useRealTimers();
});

describe('tracker bundles', () => {
  it('builds the browser tracker under 5 KB gzipped, self-contained', async () => {
    const code = await buildTrackerBundle('browser');
    const gzipped = gzipSync(code).length;
    console.log(`browser tracker: ${code.length} bytes minified, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(5120);
    expect(code).not.toMatch(/\brequire\(|\bimport\b|\bexport\b/);
    expect(code).toContain('window.kindling');
  });

  it('builds the mini-program tracker as CommonJS that records and sends over wx.request', async () => {
    const code = await buildTrackerBundle('miniprogram');
    vi.useFakeTimers();
    const wx = new FakeWx();
    const module = { exports: {} as typeof MiniProgramModule };
    new Function('module', 'exports', 'wx', code)(module, module.exports, wx);
    const kindling = module.exports;
    expect(Object.keys(kindling).sort()).toEqual(
      [
        'consent',
        'createMiniProgramTracker',
        'flush',
        'identify',
        'init',
        'leavePage',
        'track',
        'trackPage',
        'withTracking',
      ].sort(),
    );
    kindling.init({ endpoint: 'https://kd.example.com', siteKey: 'mp_site_key_1' });
    kindling.trackPage('pages/index/index', 'Home');
    kindling.identify({ phone: '13800138000' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(wx.posts).toHaveLength(1);
    const batch = ZTrackBatch.parse(wx.posts[0]!.batch);
    expect(batch.events.map((e) => e.name)).toEqual(['page_view', 'identify']);
  });
});
