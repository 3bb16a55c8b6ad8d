/**
 * The WeChat mini-program tracker, served as /t/kindling-mp.js (CommonJS, built by the server with esbuild).
 * Same API as the browser tracker over `wx.request`; ids live in wx storage. Page views come from
 * `trackPage(route, title?)` or from `withTracking(pageOptions)`, which hooks onShow / onHide / onUnload.
 * Usage: packages/tracker/README.md.
 */
import { createTracker, outcomeOfStatus } from './core';

/** The parts of WeChat's `wx` the tracker uses (tests pass a fake with the same shape). */
export interface WxApi {
  request(options: {
    url: string;
    method: 'GET' | 'POST';
    data?: string;
    header?: Record<string, string>;
    success(result: { statusCode: number; data: unknown }): void;
    fail(error: unknown): void;
  }): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: string): void;
  removeStorageSync(key: string): void;
  getLaunchOptionsSync?: () => { scene?: number };
}

export interface MiniProgramOptions {
  /** Kindling's base URL, e.g. https://kindling.example.com (must be a request legal domain of the mini-program). */
  endpoint: string;
  siteKey: string;
  /** Page views are sent as URLs {pageUrlBase}{route}?{query}; default https://miniprogram/ (path = the route). */
  pageUrlBase?: string;
}

export interface MiniProgramTracker {
  /** Records a custom event; false when the name is invalid (lower-case letters, digits and _). */
  track(name: string, props?: Record<string, unknown>): boolean;
  /** Traits such as email, phone, name, company: links this visitor to a lead. */
  identify(traits: Record<string, unknown>): void;
  consent(granted?: boolean): void;
  /** A page view of `route` (e.g. pages/index/index); ends the previous one. */
  trackPage(route: string, title?: string, query?: Record<string, unknown>): void;
  /** The page is hidden or unloaded: records the time on page and sends the queue. */
  leavePage(): void;
  flush(): void;
}

type PageHook = (this: PageInstance, ...args: unknown[]) => unknown;
interface PageInstance {
  route?: string;
  options?: Record<string, unknown>;
}
export interface PageOptions {
  onShow?: PageHook;
  onHide?: PageHook;
  onUnload?: PageHook;
  [key: string]: unknown;
}

declare const wx: WxApi | undefined;

function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  // Mini-program runtimes have no synchronous crypto; these ids are anonymous, not secrets.
  if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < count; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export function createMiniProgramTracker(wxApi: WxApi, options: MiniProgramOptions): MiniProgramTracker {
  const tracker = createTracker({
    source: 'miniprogram',
    endpoint: options.endpoint.replace(/\/+$/, ''),
    siteKey: options.siteKey,
    store: {
      get(key) {
        try {
          const value = wxApi.getStorageSync(key);
          return typeof value === 'string' && value ? value : null;
        } catch {
          return null;
        }
      },
      set(key, value) {
        try {
          wxApi.setStorageSync(key, value);
        } catch {
          // storage full: the ids and the queue live in memory for this run
        }
      },
      remove(key) {
        try {
          wxApi.removeStorageSync(key);
        } catch {
          // nothing stored
        }
      },
    },
    randomBytes,
    getConfig(url, done) {
      wxApi.request({
        url,
        method: 'GET',
        success: (result) =>
          result.statusCode === 200
            ? done(parseJson(result.data))
            : done(outcomeOfStatus(result.statusCode) === 'drop' ? null : undefined),
        fail: () => done(undefined),
      });
    },
    post(url, body, _leaving, done) {
      wxApi.request({
        url,
        method: 'POST',
        data: body,
        header: { 'content-type': 'application/json' },
        success: (result) => done(outcomeOfStatus(result.statusCode)),
        fail: () => done('retry'),
      });
    },
  });

  const base = (options.pageUrlBase || 'https://miniprogram/').replace(/\/*$/, '/');
  let previousUrl = '';
  let launchScene: number | undefined;
  try {
    launchScene = wxApi.getLaunchOptionsSync?.().scene;
  } catch {
    // older base libraries
  }

  return {
    track: (name, props) => tracker.track(name, props),
    identify: (traits) => tracker.identify(traits),
    consent: (granted) => tracker.consent(granted),
    trackPage(route, title, query) {
      const search = Object.keys(query || {})
        .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(query![key]))}`)
        .join('&');
      const url = base + route.replace(/^\/+/, '') + (search ? `?${search}` : '');
      // The first page of a run carries the launch scene (1001 = chat list, 1011 = QR code, …).
      const props = previousUrl || launchScene === undefined ? undefined : { scene: launchScene };
      tracker.startPage({ url, title, referrer: previousUrl, props });
      previousUrl = url;
    },
    leavePage() {
      tracker.leavePage(true);
      tracker.flush();
    },
    flush: () => tracker.flush(),
  };
}

let current: MiniProgramTracker | undefined;

function active(): MiniProgramTracker | undefined {
  if (!current) console.warn('kindling: call init({ endpoint, siteKey }) in app.js first');
  return current;
}

/** Starts tracking with the global `wx`; call once, in app.js. */
export function init(options: MiniProgramOptions): MiniProgramTracker {
  if (typeof wx === 'undefined' || !wx) throw new Error('kindling: wx is missing (run this inside a mini-program)');
  current = createMiniProgramTracker(wx, options);
  return current;
}

export function track(name: string, props?: Record<string, unknown>): boolean {
  return active()?.track(name, props) ?? false;
}

export function identify(traits: Record<string, unknown>): void {
  active()?.identify(traits);
}

export function consent(granted?: boolean): void {
  active()?.consent(granted);
}

export function trackPage(route: string, title?: string, query?: Record<string, unknown>): void {
  active()?.trackPage(route, title, query);
}

export function leavePage(): void {
  active()?.leavePage();
}

export function flush(): void {
  active()?.flush();
}

/** Wraps Page() options: a page view on every onShow, time on page on onHide / onUnload; your hooks still run. */
export function withTracking<T extends PageOptions>(page: T, meta: { title?: string } = {}): T {
  const { onShow, onHide, onUnload } = page;
  return {
    ...page,
    onShow(this: PageInstance, ...args: unknown[]) {
      active()?.trackPage(this.route || '', meta.title, this.options);
      return onShow?.apply(this, args);
    },
    onHide(this: PageInstance, ...args: unknown[]) {
      active()?.leavePage();
      return onHide?.apply(this, args);
    },
    onUnload(this: PageInstance, ...args: unknown[]) {
      active()?.leavePage();
      return onUnload?.apply(this, args);
    },
  };
}
