/**
 * The code a marketer copies into a site (or a mini-program) to install tracking; the console shows it.
 * Both inputs end up inside JavaScript in an HTML page, so they are validated and embedded as JSON strings with
 * `<` escaped: no value can close the <script> element or break out of its string.
 */

export interface SnippetInput {
  /** Absolute URL of the browser tracker, e.g. https://kindling.example.com/t/k.js */
  scriptUrl: string;
  /** The site's public key (tracking_sites.site_key). */
  siteKey: string;
}

export interface MiniProgramInitInput {
  /** Kindling's base URL, e.g. https://kindling.example.com (the tracker appends /t/e and /t/c/…). */
  endpoint: string;
  siteKey: string;
}

/** The API the snippet queues calls for until the tracker has loaded (the tracker replays `kindling.q`). */
export const TRACKER_METHODS = ['track', 'identify', 'consent', 'page'] as const;

const SITE_KEY = /^[A-Za-z0-9_-]{8,64}$/;

function checkSiteKey(siteKey: string): void {
  if (!SITE_KEY.test(siteKey)) throw new Error('Site key must be 8–64 letters, digits, _ or -');
}

/** An absolute http(s) URL without credentials, normalised by the URL parser. */
function checkHttpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} must be an absolute http(s) URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new Error(`${what} must be an absolute http(s) URL`);
  }
  return url;
}

/** A JavaScript string literal safe inside an HTML <script> element. */
function scriptString(value: string): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The copy-paste snippet: defines `window.kindling` as a queue stub (calls made before the tracker loads are kept
 * in `kindling.q`) and loads the tracker asynchronously with the site key in `data-site`.
 */
export function snippetHtml({ scriptUrl, siteKey }: SnippetInput): string {
  checkSiteKey(siteKey);
  const url = checkHttpUrl(scriptUrl, 'Script URL').href;
  const methods = TRACKER_METHODS.map((m) => `"${m}"`).join(',');
  return [
    '<!-- Kindling tracking -->',
    '<script>',
    `!function(w,d,u,k){var t=w.kindling=w.kindling||{q:[]};[${methods}].forEach(function(m){` +
      `t[m]=t[m]||function(){t.q.push([m,[].slice.call(arguments)])}});` +
      `var s=d.createElement("script");s.async=!0;s.src=u;s.setAttribute("data-site",k);` +
      `(d.head||d.body).appendChild(s)}(window,document,${scriptString(url)},${scriptString(siteKey)});`,
    '</script>',
  ].join('\n');
}

/** Example code for a WeChat mini-program (app.js, a page, custom events); see packages/tracker/README.md. */
export function miniProgramInit({ endpoint, siteKey }: MiniProgramInitInput): string {
  checkSiteKey(siteKey);
  const base = checkHttpUrl(endpoint, 'Endpoint').href.replace(/\/+$/, '');
  return [
    '// app.js — copy kindling-mp.js (download it from /t/kindling-mp.js) to utils/ first',
    "const kindling = require('./utils/kindling-mp.js');",
    `kindling.init({ endpoint: ${scriptString(base)}, siteKey: ${scriptString(siteKey)} });`,
    'App({});',
    '',
    '// pages/index/index.js — page views and time on page',
    "const kindling = require('../../utils/kindling-mp.js');",
    "Page(kindling.withTracking({ data: {} }, { title: '首页' }));",
    '',
    '// anywhere: custom events and identifying the visitor',
    "kindling.track('download_whitepaper', { asset: 'pricing.pdf' });",
    "kindling.identify({ phone: '13800138000', name: '张三' });",
  ].join('\n');
}
