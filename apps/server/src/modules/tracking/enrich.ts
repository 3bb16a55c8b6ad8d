import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import { BoundedCache } from './bounded-cache';

/*
 * What the ingest adds to each event from the request itself: device, browser and OS from the user agent, the
 * region from the IP address, and path, UTM parameters and referrer host from the URLs. Each lookup is cached:
 * a site's traffic repeats a few hundred user agents and its visitors send many events from one address.
 */

export interface ClientDevice {
  /** mobile | tablet | desktop | console | smarttv | wearable | embedded; null when the agent says nothing. */
  deviceType: string | null;
  browser: string | null;
  os: string | null;
}

interface UserAgentResult {
  browser: { name?: string };
  os: { name?: string };
  device: { type?: string };
}
type UserAgentParser = new (userAgent: string) => { getResult(): UserAgentResult };

// ua-parser-js 1.x (MIT; 2.x is AGPL — never upgrade) is CommonJS without type definitions.
const UAParser = createRequire(import.meta.url)('ua-parser-js') as UserAgentParser;

/** Systems whose agents name no device type because they are computers. */
const DESKTOP_OS = new Set(['Windows', 'Mac OS', 'macOS', 'Linux', 'Ubuntu', 'Debian', 'Fedora', 'Chromium OS']);
const MAX_USER_AGENT = 512;
const devices = new BoundedCache<string, ClientDevice>(2000);

export function describeUserAgent(userAgent: string | undefined): ClientDevice {
  if (!userAgent) return { deviceType: null, browser: null, os: null };
  // Beyond this length an agent is junk or an attack on the parser's regexes; the prefix names the client anyway.
  const agent = userAgent.slice(0, MAX_USER_AGENT);
  const cached = devices.get(agent);
  if (cached) return cached;
  const result = new UAParser(agent).getResult();
  const os = result.os.name ?? null;
  const device: ClientDevice = {
    deviceType: result.device.type ?? (os && DESKTOP_OS.has(os) ? 'desktop' : null),
    browser: result.browser.name ?? null,
    os,
  };
  devices.set(agent, device);
  return device;
}

export interface IpRegion {
  country: string | null;
  province: string | null;
  city: string | null;
}

interface RegionSearcher {
  search(ip: string): { country: string; province: string; city: string } | null;
}
type RegionSearcherConstructor = new () => RegionSearcher;

const NO_REGION: IpRegion = { country: null, province: null, city: null };
/** What ip2region answers for addresses that are not on the internet. */
const NOT_A_PLACE = new Set(['', '0', '内网IP', '本机地址', '保留地址']);
const regions = new BoundedCache<string, IpRegion>(20_000);
let searcher: Promise<RegionSearcher> | null = null;

/** The offline ip2region database (IPv4 + IPv6, ~11 MB), read once on first use rather than at start-up. */
function regionSearcher(): Promise<RegionSearcher> {
  searcher ??= import('ip2region').then((loaded) => {
    // CommonJS compiled from ESM: the class is `default` of the module's default export under Node's interop.
    const exported = loaded.default as unknown as { default?: RegionSearcherConstructor };
    const Searcher = exported.default ?? (loaded.default as unknown as RegionSearcherConstructor);
    return new Searcher();
  });
  return searcher;
}

const place = (name: string | undefined): string | null => (!name || NOT_A_PLACE.has(name) ? null : name);

/** Country, province and city of an address (Chinese names, as ip2region has them); nulls when unknown. */
export async function regionOfIp(ip: string): Promise<IpRegion> {
  const address = plainIp(ip);
  const cached = regions.get(address);
  if (cached) return cached;
  let region = NO_REGION;
  if (isIPv4(address) || isIPv6(address)) {
    const found = (await regionSearcher()).search(address);
    if (found) region = { country: place(found.country), province: place(found.province), city: place(found.city) };
  }
  regions.set(address, region);
  return region;
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) → `1.2.3.4`. */
export function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded. */
function ipv6Groups(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
}

/** The address with its host part zeroed (PIPL/GDPR option): IPv4 → /24, IPv6 → /48. */
export function maskIp(ip: string): string {
  const address = plainIp(ip);
  if (isIPv4(address)) return address.replace(/\.\d+$/, '.0');
  if (isIPv6(address))
    return `${ipv6Groups(address.split('%')[0] ?? '')
      .slice(0, 3)
      .join(':')}::`;
  return '';
}

export interface PageFields {
  path: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

const NO_PAGE: PageFields = {
  path: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmTerm: null,
  utmContent: null,
};

function parseUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Path (no query, for top pages) and utm_* parameters of a page URL; stored as text exactly as decoded. */
export function pageFields(url: string | undefined): PageFields {
  const parsed = parseUrl(url);
  if (!parsed) return NO_PAGE;
  if (!parsed.search) return { ...NO_PAGE, path: parsed.pathname };
  const q = parsed.searchParams;
  return {
    path: parsed.pathname,
    utmSource: q.get('utm_source'),
    utmMedium: q.get('utm_medium'),
    utmCampaign: q.get('utm_campaign'),
    utmTerm: q.get('utm_term'),
    utmContent: q.get('utm_content'),
  };
}

/**
 * Where a page view came from: the referrer's host when it is another site, '' for a direct visit (no referrer),
 * null for navigation inside the same site (an SPA route change sends the previous URL) and for events that are
 * not page views (they carry no referrer).
 */
export function referrerHostOf(referrer: string | undefined, pageUrl: string | undefined): string | null {
  if (referrer === undefined) return null;
  if (referrer === '') return '';
  const from = parseUrl(referrer);
  if (!from) return null;
  const page = parseUrl(pageUrl);
  return page && page.host === from.host ? null : from.host;
}
