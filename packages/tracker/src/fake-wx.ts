/**
 * A stand-in for WeChat's `wx` in tests (node has none): synchronous storage in a Map, and wx.request answered
 * asynchronously (like the real one) by the config and the reply the test chose. Test-only; never bundled.
 */
import type { TrackBatch } from '@kindling/contracts/tracking';
import type { WxApi } from './miniprogram';

type RequestOptions = Parameters<WxApi['request']>[0];

/** What the fake answers a POST with: an HTTP status, or 'fail' (no network: the fail callback). */
export type FakeReply = number | 'fail';

export class FakeWx implements WxApi {
  /** Survives "restarts": pass the same FakeWx to a new tracker. */
  readonly storage = new Map<string, string>();
  readonly posts: { url: string; header: Record<string, string> | undefined; batch: TrackBatch }[] = [];
  readonly configRequests: string[] = [];
  /** The body of GET /t/c/:siteKey, or a status when the site is unknown (404) or the server is down (503). */
  config: unknown = { respectDnt: true, consentRequired: false, clicks: [] };
  configStatus = 200;
  postReply: FakeReply = 200;
  launchScene: number | undefined = 1001;

  request(options: RequestOptions): void {
    void Promise.resolve().then(() => {
      if (options.method === 'GET') {
        this.configRequests.push(options.url);
        options.success({ statusCode: this.configStatus, data: this.configStatus === 200 ? this.config : {} });
        return;
      }
      this.posts.push({ url: options.url, header: options.header, batch: JSON.parse(options.data ?? '') });
      if (this.postReply === 'fail') options.fail({ errMsg: 'request:fail' });
      else options.success({ statusCode: this.postReply, data: {} });
    });
  }

  getStorageSync(key: string): unknown {
    return this.storage.get(key) ?? '';
  }

  setStorageSync(key: string, value: string): void {
    this.storage.set(key, value);
  }

  removeStorageSync(key: string): void {
    this.storage.delete(key);
  }

  getLaunchOptionsSync(): { scene?: number } {
    return this.launchScene === undefined ? {} : { scene: this.launchScene };
  }

  /** Event names of every POST, in order (a retried batch appears again). */
  get postedNames(): string[][] {
    return this.posts.map((post) => post.batch.events.map((event) => event.name));
  }

  /** Ids of the events waiting in storage (the retry queue). */
  get storedEventIds(): string[] {
    const queue = JSON.parse(this.storage.get('_kd_q') ?? '[]') as TrackBatch[];
    return queue.flatMap((batch) => batch.events.map((event) => event.id));
  }
}
