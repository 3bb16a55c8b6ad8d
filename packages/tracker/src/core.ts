/**
 * What the browser and the mini-program trackers share: ids, the consent/Do-Not-Track gate, the event queue with
 * batching, retry and a bounded persisted outbox, and the page clock (visible time per page view). The platforms
 * only supply storage, HTTP and randomness (TrackerEnvironment). No dependencies, and small: every byte here ships
 * in the snippet (only types come from @kindling/contracts; esbuild drops them).
 */
import type { TrackBatch, TrackEvent, TrackerConfig } from '@kindling/contracts/tracking';

export type PropertyValue = string | number | boolean | null;
export type Properties = Record<string, PropertyValue>;

/** How a request ended: stored; worth retrying later (network, 5xx, 429); refused for good (any other 4xx). */
export type SendOutcome = 'sent' | 'retry' | 'drop';

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface TrackerEnvironment {
  source: NonNullable<TrackBatch['source']>;
  /** Kindling's base URL without a trailing slash; requests go to {endpoint}/t/e and {endpoint}/t/c/{siteKey}. */
  endpoint: string;
  siteKey: string;
  store: KeyValueStore;
  randomBytes(count: number): Uint8Array;
  /** Calls back with the site's config, null when the site is unknown, undefined when it could not be fetched. */
  getConfig(url: string, done: (config: unknown) => void): void;
  /** POSTs a JSON body and calls `done` exactly once. `leaving`: the page is going away (send a beacon). */
  post(url: string, body: string, leaving: boolean, done: (outcome: SendOutcome) => void): void;
  doNotTrack?: () => boolean;
}

export interface EventFields {
  url?: string | undefined;
  title?: string | undefined;
  referrer?: string | undefined;
  props?: unknown;
}

export interface Tracker {
  /** The site's config once fetched (click definitions for the browser). */
  config(): TrackerConfig | undefined;
  /** Records a custom event; returns false when the name is not a valid event name. */
  track(name: string, props?: unknown): boolean;
  identify(traits: unknown): void;
  /** Records an event the tracker itself makes; `keepUntilConsent`: keep it while waiting for consent. */
  record(name: string, fields?: EventFields, keepUntilConsent?: boolean): string;
  /** consent(): store ids and send; consent(false): forget the ids and queued events, send nothing more. */
  consent(granted?: boolean): void;
  /** Ends the current page view (page_leave) and records a new page_view. */
  startPage(fields: EventFields): void;
  /** Records page_leave with the visible time so far; `pause`: the page is hidden, the clock stops until resumed. */
  leavePage(pause: boolean): void;
  resumePage(): void;
  /** Sends what is queued now; `leaving`: by beacon, the page is going away. */
  flush(leaving?: boolean): void;
}

/** Storage keys (browser: cookies and localStorage; mini-program: wx storage). */
export const KEYS = { visitor: '_kd_vid', session: '_kd_sid', queue: '_kd_q' } as const;

/** TRACK_LIMITS.maxEvents of the wire format (a test keeps them equal). */
export const MAX_EVENTS_PER_REQUEST = 50;
/** Under TRACK_LIMITS.maxBodyBytes and under the 64 KiB browsers allow for beacons and keepalive fetches. */
export const MAX_REQUEST_BYTES = 60_000;
/** Events kept in storage while the server cannot be reached; the oldest go first. */
export const MAX_STORED_EVENTS = 200;
export const FLUSH_DELAY_MS = 1000;
export const FLUSH_AT_EVENTS = 10;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
const MAX_BACKOFF_MS = 60_000;
/** The server refuses events older than 7 days (TRACK_LIMITS.maxAgeMs); an hour of margin for clock offsets. */
const MAX_EVENT_AGE_MS = 7 * 24 * 3600 * 1000 - 3600 * 1000;
/** Events recorded before the config arrives, kept in memory only. */
const MAX_EARLY_EVENTS = 100;

/** When the config cannot be fetched: assume the strictest settings (no ids, nothing sent without consent). */
const CONFIG_UNAVAILABLE: TrackerConfig = { respectDnt: true, consentRequired: true, clicks: [] };

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const EVENT_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const PROPERTY_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\S*$/i;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Requests to the same visitor and session share a batch (the wire format carries them once per request). */
interface Batch {
  visitor: string;
  session: string;
  events: TrackEvent[];
  /** Approximate UTF-8 size of the request body. */
  bytes: number;
  /** Failed attempts; a batch that failed is never sent by beacon (its outcome would be unknown). */
  tries: number;
}

export function outcomeOfStatus(status: number): SendOutcome {
  if (status >= 200 && status < 300) return 'sent';
  return status === 429 || status >= 500 || status === 0 ? 'retry' : 'drop';
}

/** UTF-8 length without TextEncoder (missing in some mini-program runtimes); astral characters count 6, fine. */
function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) length += code > 0x7ff ? 2 : 1;
  }
  return length;
}

/** Keeps what the server accepts: valid keys; strings ≤ 1000 chars, finite numbers, booleans, null; ≤ 50 keys, ≤ 4 KB. */
export function cleanProperties(input: unknown): Properties | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const clean: Properties = {};
  let size = 2;
  let count = 0;
  for (const key of Object.keys(input)) {
    let value = (input as Record<string, unknown>)[key];
    if (value instanceof Date) value = value.toISOString();
    if (typeof value === 'string') value = value.slice(0, 1000);
    else if (typeof value === 'number' ? !isFinite(value) : typeof value !== 'boolean' && value !== null) continue;
    if (!PROPERTY_KEY.test(key)) continue;
    const entrySize = JSON.stringify(key).length + JSON.stringify(value).length + 2;
    if (count >= 50 || size + entrySize > 4096) break;
    clean[key] = value as PropertyValue;
    size += entrySize;
    count++;
  }
  return count ? clean : undefined;
}

function httpUrl(value: string | undefined): string | undefined {
  return value && HTTP_URL.test(value) ? value.slice(0, 2048) : undefined;
}

function normaliseConfig(raw: unknown): TrackerConfig | null {
  if (raw === null) return null;
  if (!raw || typeof raw !== 'object') return CONFIG_UNAVAILABLE;
  const config = raw as Partial<TrackerConfig>;
  return {
    respectDnt: config.respectDnt !== false,
    consentRequired: config.consentRequired === true,
    clicks: Array.isArray(config.clicks) ? config.clicks : [],
  };
}

export function createTracker(env: TrackerEnvironment): Tracker {
  const { store } = env;
  const ingestUrl = `${env.endpoint}/t/e`;
  // waiting: for the config; held: for consent (nothing stored or sent); on: recording; off: unknown site or DNT.
  let state: 'waiting' | 'held' | 'on' | 'off' = 'waiting';
  let config: TrackerConfig | undefined;
  let consentGiven: boolean | undefined;
  let early: [TrackEvent, boolean][] = [];
  let held: TrackEvent[] = [];
  let visitor: string | undefined;
  /** The batch being filled, then the batches waiting to be sent (oldest first). */
  let open: Batch | undefined;
  let outbox: Batch[] = [];
  let inFlight: Batch | undefined;
  let eventsSinceFlush = 0;
  let failures = 0;
  let retryAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The page clock: visible time of the current page view.
  let pageViewId: string | undefined;
  let visibleMs = 0;
  let visibleSince: number | undefined;
  let reportedMs = 0;

  function randomId(): string {
    let id = '';
    for (const byte of env.randomBytes(22)) id += BASE64URL[byte & 63];
    return id;
  }

  /**
   * UUIDv7 event ids: 48 bits of milliseconds, then randomness. Time-ordered ids keep the server's primary-key
   * index append-only, so ingest stays as fast with 10M stored events as with none (random v4 ids made it ~0.55×).
   */
  function uuid(): string {
    const bytes = env.randomBytes(16);
    let ms = Date.now();
    for (let i = 5; i >= 0; i--) {
      bytes[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    bytes[6] = (bytes[6]! & 15) | 112;
    bytes[8] = (bytes[8]! & 63) | 128;
    const hex = Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function visitorId(): string {
    if (!visitor) {
      const stored = store.get(KEYS.visitor);
      visitor = stored && ID_PATTERN.test(stored) ? stored : randomId();
      store.set(KEYS.visitor, visitor);
    }
    return visitor;
  }

  /** The session id, renewed after 30 idle minutes; stored as `<id>.<last activity, base 36>`. */
  function touchSession(now: number): string {
    const [stored, last] = (store.get(KEYS.session) || '').split('.');
    const session =
      stored && ID_PATTERN.test(stored) && now - parseInt(last || '0', 36) < SESSION_IDLE_MS ? stored : randomId();
    store.set(KEYS.session, `${session}.${now.toString(36)}`);
    return session;
  }

  function persist(): void {
    if (state !== 'on') return;
    let count = (open ? open.events.length : 0) + outbox.reduce((sum, batch) => sum + batch.events.length, 0);
    while (count > MAX_STORED_EVENTS) {
      const oldest = outbox.findIndex((batch) => batch !== inFlight);
      if (oldest < 0) break;
      count -= outbox.splice(oldest, 1)[0]!.events.length;
    }
    const all = open ? [...outbox, open] : outbox;
    if (all.length) store.set(KEYS.queue, JSON.stringify(all));
    else store.remove(KEYS.queue);
  }

  /** Takes over what an earlier page (or app run) could not send. */
  function adoptStored(): void {
    let stored: unknown;
    try {
      stored = JSON.parse(store.get(KEYS.queue) || '[]');
    } catch {
      stored = [];
    }
    const oldest = Date.now() - MAX_EVENT_AGE_MS;
    for (const batch of Array.isArray(stored) ? (stored as Batch[]) : []) {
      const events = Array.isArray(batch?.events) ? batch.events.filter((e) => e && e.ts > oldest) : [];
      if (events.length)
        outbox.push({ visitor: batch.visitor, session: batch.session, events, bytes: batch.bytes, tries: 0 });
    }
  }

  function enqueue(event: TrackEvent): void {
    const visitorNow = visitorId();
    const session = touchSession(event.ts);
    const bytes = utf8Length(JSON.stringify(event)) + 1;
    if (
      open &&
      (open.visitor !== visitorNow ||
        open.session !== session ||
        open.events.length >= MAX_EVENTS_PER_REQUEST ||
        open.bytes + bytes > MAX_REQUEST_BYTES)
    ) {
      outbox.push(open);
      open = undefined;
    }
    open ||= { visitor: visitorNow, session, events: [], bytes: 200, tries: 0 };
    open.events.push(event);
    open.bytes += bytes;
    persist();
    if (++eventsSinceFlush >= FLUSH_AT_EVENTS) drain();
    else if (!timer) timer = setTimeout(drain, FLUSH_DELAY_MS);
  }

  function send(batch: Batch, leaving: boolean): void {
    if (!leaving) inFlight = batch;
    const body: TrackBatch = {
      site: env.siteKey,
      visitor: batch.visitor,
      session: batch.session,
      sentAt: Date.now(),
      source: env.source,
      events: batch.events,
    };
    env.post(ingestUrl, JSON.stringify(body), leaving, (outcome) => {
      if (!leaving) inFlight = undefined;
      if (outcome === 'retry') {
        // A refused beacon is kept for the next page; a failed request backs off: 2 s, 4 s, … 60 s.
        if (!leaving) {
          batch.tries++;
          retryAt = Date.now() + Math.min(1000 * 2 ** ++failures, MAX_BACKOFF_MS);
        }
      } else {
        outbox = outbox.filter((b) => b !== batch);
        if (!leaving) failures = 0;
      }
      persist();
      if (!leaving) drain();
    });
  }

  /** Sends the queued batches one request at a time (all at once by beacon when leaving). */
  function drain(leaving?: unknown): void {
    clearTimeout(timer);
    timer = undefined;
    if (state !== 'on') return;
    eventsSinceFlush = 0;
    if (open) outbox.push(open);
    open = undefined;
    if (leaving === true) {
      for (const batch of outbox.slice()) if (batch !== inFlight && !batch.tries) send(batch, true);
      persist();
      return;
    }
    if (inFlight || !outbox[0]) return;
    const wait = retryAt - Date.now();
    if (wait > 0) timer = setTimeout(drain, wait);
    else send(outbox[0], false);
  }

  function admit(event: TrackEvent, keep: boolean): void {
    if (state === 'on') enqueue(event);
    else if (state === 'waiting') {
      if (early.length < MAX_EARLY_EVENTS) early.push([event, keep]);
    } else if (state === 'held' && keep) {
      // Only the current page view waits for consent (and what belongs to it, such as an email link's identify).
      if (event.name === 'page_view') held = [];
      held.push(event);
    }
  }

  function turnOn(): void {
    state = 'on';
    adoptStored();
    const waiting = held;
    held = [];
    waiting.forEach(enqueue);
    if (outbox.length) drain();
  }

  function record(name: string, fields: EventFields = {}, keepUntilConsent = false): string {
    const event: TrackEvent = { id: uuid(), name, ts: Date.now() };
    const url = httpUrl(fields.url);
    if (url) event.url = url;
    if (fields.title) event.title = fields.title.slice(0, 512);
    if (fields.referrer !== undefined) event.referrer = httpUrl(fields.referrer) || '';
    const props = cleanProperties(fields.props);
    if (props) event.props = props;
    admit(event, keepUntilConsent);
    return event.id;
  }

  function leavePage(pause: boolean): void {
    if (!pageViewId) return;
    const now = Date.now();
    const duration = Math.round(visibleMs + (visibleSince === undefined ? 0 : now - visibleSince));
    const id = pageViewId;
    if (pause) {
      visibleMs = duration;
      visibleSince = undefined;
    } else pageViewId = undefined;
    // Hidden, shown and hidden again: a second page_leave with the longer total (the server keeps the latest).
    if (duration > reportedMs) {
      reportedMs = duration;
      record('page_leave', { props: { pageViewId: id, durationMs: duration } });
    }
  }

  env.getConfig(`${env.endpoint}/t/c/${encodeURIComponent(env.siteKey)}`, (raw) => {
    const fetched = normaliseConfig(raw);
    config = fetched || undefined;
    if (!fetched || (fetched.respectDnt && env.doNotTrack?.())) state = 'off';
    else if (consentGiven === false || (fetched.consentRequired && !consentGiven && !store.get(KEYS.visitor))) {
      // An id already stored means consent was given on an earlier page.
      state = 'held';
    } else turnOn();
    const replay = early;
    early = [];
    for (const [event, keep] of replay) admit(event, keep);
  });

  return {
    config: () => config,
    record,
    track(name, props) {
      if (typeof name !== 'string' || !EVENT_NAME.test(name)) return false;
      record(name, { props });
      return true;
    },
    identify(traits) {
      record('identify', { props: traits });
    },
    consent(granted = true) {
      consentGiven = granted;
      if (granted) {
        if (state === 'held') turnOn();
        return;
      }
      // Withdrawn: forget everything stored and queued; record nothing until consent() again.
      if (state === 'on') state = 'held';
      for (const key of Object.values(KEYS)) store.remove(key);
      visitor = open = undefined;
      outbox = [];
      held = [];
      early = early.filter(([, keep]) => keep);
    },
    startPage(fields) {
      leavePage(false);
      pageViewId = record('page_view', fields, true);
      visibleMs = reportedMs = 0;
      visibleSince = Date.now();
    },
    leavePage,
    resumePage() {
      if (pageViewId && visibleSince === undefined) visibleSince = Date.now();
    },
    flush(leaving = false) {
      drain(leaving);
    },
  };
}
