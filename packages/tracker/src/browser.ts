/**
 * The browser tracker, served as /t/k.js (one minified IIFE, built by the server with esbuild). Installed by the
 * snippet (snippet.ts): it reads the site key from its own script tag (`data-site`) and Kindling's URL from its
 * own `src`, replaces the snippet's queue stub `window.kindling` with the real API and replays the queued calls.
 *
 * Records page views (also SPA route changes), time on page, clicks on the elements the marketer defined, form
 * submits (never field values), outbound link clicks, custom events and identify. Ids: visitor in a first-party
 * cookie and localStorage, session in a cookie renewed after 30 idle minutes.
 */
import { createTracker, KEYS, outcomeOfStatus, type KeyValueStore, type Tracker } from './core';

type Method = 'track' | 'identify' | 'consent' | 'page';

interface KindlingApi {
  track(name: string, props?: unknown): void;
  identify(traits: unknown): void;
  consent(granted?: boolean): void;
  page(): void;
  /** The snippet's queue of calls made before this script loaded. */
  q?: [Method, unknown[]][];
}

const YEAR_SECONDS = 365 * 24 * 3600;
/** Query parameter of tracked email links: a signed token naming the lead (sent with identify, then removed). */
const LEAD_TOKEN_PARAM = '_kt';

function readCookie(name: string): string | null {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]!) : null;
}

function writeCookie(name: string, value: string, maxAgeSeconds?: number): void {
  document.cookie =
    `${name}=${encodeURIComponent(value)}; path=/; SameSite=Lax` +
    (maxAgeSeconds === undefined ? '' : `; max-age=${maxAgeSeconds}`) +
    (location.protocol === 'https:' ? '; Secure' : '');
}

/** Storage can throw (disabled, private mode, sandboxed frames): tracking then lives on cookies alone. */
function local(action: (storage: Storage) => string | null | void): string | null {
  try {
    return action(localStorage) || null;
  } catch {
    return null;
  }
}

/** Visitor: cookie (1 year) and localStorage, whichever survived. Session: a browser-session cookie. Queue: localStorage. */
const store: KeyValueStore = {
  get: (key) => readCookie(key) ?? local((s) => s.getItem(key)),
  set(key, value) {
    if (key !== KEYS.queue) writeCookie(key, value, key === KEYS.visitor ? YEAR_SECONDS : undefined);
    if (key !== KEYS.session) local((s) => s.setItem(key, value));
  },
  remove(key) {
    writeCookie(key, '', 0);
    local((s) => s.removeItem(key));
  },
};

function elementText(element: Element): string {
  return (element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 100);
}

/** Removes `_kt` from the address bar (it must not be bookmarked or shared) and returns it. */
function takeLeadToken(): string | null {
  const params = new URLSearchParams(location.search);
  const token = params.get(LEAD_TOKEN_PARAM);
  if (token === null) return null;
  params.delete(LEAD_TOKEN_PARAM);
  const query = params.toString();
  try {
    history.replaceState(history.state, '', location.pathname + (query ? `?${query}` : '') + location.hash);
  } catch {
    // Sandboxed documents may refuse; the token stays visible but is still sent once.
  }
  return token;
}

function start(script: HTMLScriptElement, siteKey: string): void {
  const w = window as Window & { kindling?: KindlingApi; doNotTrack?: string };
  const tracker: Tracker = createTracker({
    source: 'web',
    endpoint: script.src.replace(/\/t\/k\.js(?:[?#].*)?$/, ''),
    siteKey,
    store,
    randomBytes: (count) => crypto.getRandomValues(new Uint8Array(count)),
    doNotTrack: () => navigator.doNotTrack === '1' || w.doNotTrack === '1',
    getConfig(url, done) {
      fetch(url, { credentials: 'omit' }).then(
        (response) =>
          response.ok
            ? response.json().then(done, () => done(undefined))
            : done(outcomeOfStatus(response.status) === 'drop' ? null : undefined),
        () => done(undefined),
      );
    },
    post(url, body, leaving, done) {
      // text/plain (the default for a string body) keeps the request "simple": no CORS preflight.
      if (leaving && navigator.sendBeacon) {
        try {
          if (navigator.sendBeacon(url, body)) return done('sent');
        } catch {
          // fall through to fetch
        }
      }
      fetch(url, { method: 'POST', body, keepalive: true, credentials: 'omit' }).then(
        (response) => done(outcomeOfStatus(response.status)),
        () => done('retry'),
      );
    },
  });

  let currentUrl = location.href;
  let routeTimer: ReturnType<typeof setTimeout> | undefined;

  function pageView(referrer: string): void {
    currentUrl = location.href;
    tracker.startPage({ url: currentUrl, title: document.title, referrer });
    if (document.visibilityState === 'hidden') tracker.leavePage(true);
  }

  /** An SPA navigation: ends the page view now, records the next one a tick later (once the title is updated). */
  function routeChanged(): void {
    if (location.href === currentUrl) return;
    const referrer = currentUrl;
    tracker.leavePage(false);
    currentUrl = location.href;
    clearTimeout(routeTimer);
    routeTimer = setTimeout(() => pageView(referrer), 0);
  }

  function pageHidden(): void {
    tracker.leavePage(true);
    tracker.flush(true);
  }

  const leadToken = takeLeadToken();
  pageView(document.referrer);
  if (leadToken) tracker.record('identify', { props: { kt: leadToken } }, true);

  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      routeChanged();
    };
  }
  addEventListener('popstate', routeChanged);
  addEventListener('hashchange', routeChanged);
  addEventListener('pagehide', pageHidden);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') pageHidden();
    else tracker.resumePage();
  });

  document.addEventListener(
    'click',
    (event) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      for (const click of tracker.config()?.clicks || []) {
        let element: Element | null = null;
        try {
          element = target.closest(click.selector);
        } catch {
          // an invalid selector in the definition matches nothing
        }
        if (!element) continue;
        // SVG links have an object as href: only a string is sent (cleanProperties drops anything else).
        tracker.track(click.name, {
          text: elementText(element),
          tag: element.tagName.toLowerCase(),
          href: (element as HTMLAnchorElement).href || undefined,
        });
      }
      const link = target.closest('a[href]') as HTMLAnchorElement | null;
      if (link && /^https?:$/.test(link.protocol) && link.host !== location.host) {
        tracker.record('outbound_click', { props: { href: link.href, text: elementText(link) } });
      }
    },
    true,
  );

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      // getAttribute: form.id / form.action return an input when a field is named "id" or "action".
      if (form instanceof HTMLFormElement) {
        tracker.record('form_submit', {
          props: {
            formId: form.getAttribute('id'),
            formName: form.getAttribute('name'),
            action: form.getAttribute('action'),
          },
        });
      }
    },
    true,
  );

  const api: KindlingApi = {
    track(name, props) {
      if (!tracker.track(name, props)) console.warn('kindling: invalid event name', name);
    },
    identify: (traits) => tracker.identify(traits),
    consent: (granted) => tracker.consent(granted),
    page: () => pageView(currentUrl),
  };
  const queued = w.kindling?.q || [];
  w.kindling = api;
  for (const [method, args] of queued) {
    if (typeof api[method] === 'function') (api[method] as (...a: unknown[]) => void)(...args);
  }
}

const script = (document.currentScript ||
  document.querySelector('script[data-site][src*="/t/k.js"]')) as HTMLScriptElement | null;
const siteKey = script && script.getAttribute('data-site');
// Included twice: the first copy already replaced the queue stub with the real API.
const loadedBefore = (window as { kindling?: KindlingApi }).kindling;
if (script && siteKey && !(loadedBefore && !loadedBefore.q)) start(script, siteKey);
