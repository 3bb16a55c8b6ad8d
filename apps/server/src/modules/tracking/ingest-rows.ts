import type { ErrorDetail } from '@kindling/contracts/errors';
import {
  TRACK_LIMITS,
  type TrackBatch,
  type TrackEvent,
  type TrackingPropertySpec,
} from '@kindling/contracts/tracking';
import { describeUserAgent, maskIp, pageFields, plainIp, referrerHostOf, regionOfIp } from './enrich';
import type { TrackedEventRow } from './event-writer';
import type { IngestSite } from './site-cache';

/** What the request itself tells about the sender. */
export interface RequestClient {
  userAgent: string | undefined;
  ip: string;
  /** Server clock at receipt, ms. */
  receivedAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_INT = 2_147_483_647;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** NUL and unpaired surrogates: PostgreSQL text cannot hold them, so they would fail the whole flush. */
const unstorable = (text: string) => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

/** The batch's checks that Zod cannot make alone: clock window, page_leave shape, storable text, custom schemas. */
function checkEvent(
  event: TrackEvent,
  index: number,
  occurredAt: number,
  receivedAt: number,
  schemas: IngestSite['eventSchemas'],
): ErrorDetail[] {
  const at = `events.${index}`;
  const problems: ErrorDetail[] = [];
  if (!(occurredAt >= receivedAt - TRACK_LIMITS.maxAgeMs)) {
    problems.push({ path: `${at}.ts`, message: 'Event time is too far in the past (or the clocks disagree)' });
  } else if (!(occurredAt <= receivedAt + TRACK_LIMITS.maxFutureMs)) {
    problems.push({ path: `${at}.ts`, message: 'Event time is in the future' });
  }
  for (const field of ['url', 'title', 'referrer'] as const) {
    if (unstorable(event[field] ?? '')) problems.push({ path: `${at}.${field}`, message: 'Invalid characters' });
  }
  const props = event.props ?? {};
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'string' && unstorable(value)) {
      problems.push({ path: `${at}.props.${key}`, message: 'Invalid characters' });
    }
  }
  if (event.name === 'page_leave') {
    if (typeof props.pageViewId !== 'string' || !UUID.test(props.pageViewId)) {
      problems.push({ path: `${at}.props.pageViewId`, message: 'The id of the page view this leave closes' });
    }
    const duration = props.durationMs;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0 || duration > MAX_INT) {
      problems.push({ path: `${at}.props.durationMs`, message: 'Milliseconds the page was open (a whole number)' });
    }
  }
  for (const spec of schemas.get(event.name) ?? []) problems.push(...checkProperty(spec, props, at));
  return problems;
}

/** A custom event's property against its definition's spec (extra properties are allowed). */
function checkProperty(spec: TrackingPropertySpec, props: Record<string, unknown>, at: string): ErrorDetail[] {
  const value = props[spec.key];
  const path = `${at}.props.${spec.key}`;
  if (value === undefined || value === null) return spec.required ? [{ path, message: 'Required' }] : [];
  return typeof value === spec.type ? [] : [{ path, message: `Expected a ${spec.type}` }];
}

/**
 * A validated batch as `tracking_events` rows: times corrected by the client's clock offset (server receipt −
 * sentAt), device from the user agent, region from the IP (looked up before the IP is masked, when the site
 * masks it), path, UTM and referrer host from the URLs. Everything the client sent is kept as text, as sent. Any
 * problem refuses the whole batch (nothing is stored) with every problem's path.
 */
export async function buildEventRows(
  batch: TrackBatch,
  site: IngestSite,
  client: RequestClient,
  via: 'batch' | 'pixel',
): Promise<{ rows: TrackedEventRow[] } | { invalid: ErrorDetail[] }> {
  const offset = client.receivedAt - batch.sentAt;
  const problems: ErrorDetail[] = [];
  const times = batch.events.map((event, i) => {
    const occurredAt = event.ts + offset;
    problems.push(...checkEvent(event, i, occurredAt, client.receivedAt, site.eventSchemas));
    return occurredAt;
  });
  if (problems.length > 0) return { invalid: problems };

  const device = describeUserAgent(client.userAgent);
  const ip = plainIp(client.ip);
  const region = await regionOfIp(ip);
  const storedIp = site.truncateIp ? maskIp(ip) : ip;
  const source = via === 'pixel' ? 'pixel' : site.kind;
  const rows = batch.events.map((event, i): TrackedEventRow => {
    const page = pageFields(event.url);
    const props = event.props ?? {};
    return {
      id: event.id.toLowerCase(),
      siteId: site.id,
      visitorId: batch.visitor,
      sessionId: batch.session,
      name: event.name,
      occurredAt: new Date(times[i] ?? client.receivedAt),
      url: event.url ?? null,
      path: page.path,
      title: event.title ?? null,
      referrer: event.referrer || null,
      // A page view without a referrer is a direct visit (''); other events say nothing about where they came from.
      referrerHost: referrerHostOf(event.name === 'page_view' ? (event.referrer ?? '') : event.referrer, event.url),
      utmSource: page.utmSource,
      utmMedium: page.utmMedium,
      utmCampaign: page.utmCampaign,
      utmTerm: page.utmTerm,
      utmContent: page.utmContent,
      deviceType: device.deviceType,
      browser: device.browser,
      os: device.os,
      country: region.country,
      province: region.province,
      city: region.city,
      ip: storedIp || null,
      durationMs: null,
      // Ids compare as the database prints them (lower case): stitching matches page leaves to views by text.
      properties:
        event.name === 'page_leave' && typeof props.pageViewId === 'string'
          ? { ...props, pageViewId: props.pageViewId.toLowerCase() }
          : props,
      source,
    };
  });
  return { rows };
}
