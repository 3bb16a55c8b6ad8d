import { z } from 'zod';

/**
 * Web & mini-program tracking (PRODUCT 1.6, JINGtrack): the snippet's wire format, tracked sites, event
 * definitions and web analytics. The browser and mini-program trackers (packages/tracker) speak ZTrackBatch.
 */

// ---------------------------------------------------------------------------------------------------------------
// Wire format: POST /t/e (body, JSON; browsers send it as text/plain to avoid a CORS preflight)
// ---------------------------------------------------------------------------------------------------------------

export const TRACK_LIMITS = {
  /** Events per request. */
  maxEvents: 50,
  /** Request body bytes for POST /t/e. */
  maxBodyBytes: 64 * 1024,
  maxUrl: 2048,
  maxTitle: 512,
  /** Custom properties per event, and bytes of their JSON. */
  maxProperties: 50,
  maxPropertiesBytes: 4096,
  /** Events older than this (after clock correction) are refused: a queue that old is not worth replaying. */
  maxAgeMs: 7 * 24 * 3600 * 1000,
  /** Client clock ahead of the server by more than this (after correction) is refused. */
  maxFutureMs: 5 * 60 * 1000,
} as const;

/** Random ids the snippet makes (visitor, session): letters, digits, `_` and `-`. */
export const ZClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Must be 8–64 letters, digits, _ or -');

/** Event names: page_view, click, … and custom names such as `download_whitepaper`. */
export const ZTrackEventName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Lower-case letters, digits and _ , starting with a letter, at most 64');

/** Names the snippet itself sends; custom definitions cannot take them. */
export const STANDARD_EVENT_NAMES = [
  'page_view',
  'page_leave',
  'click',
  'form_submit',
  'outbound_click',
  'identify',
] as const;

const ZPropertyValue = z.union([z.string().max(1000), z.number().finite(), z.boolean(), z.null()]);

export const ZTrackProperties = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/), ZPropertyValue)
  .refine(
    (p) => Object.keys(p).length <= TRACK_LIMITS.maxProperties,
    `At most ${TRACK_LIMITS.maxProperties} properties`,
  )
  .refine((p) => JSON.stringify(p).length <= TRACK_LIMITS.maxPropertiesBytes, 'Properties too large');

const ZHttpUrl = z
  .string()
  .max(TRACK_LIMITS.maxUrl)
  .regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'Must be an http(s) URL');

export const ZTrackEvent = z
  .object({
    /** Client-made UUID; the dedupe key of a retried batch. */
    id: z.uuid(),
    name: ZTrackEventName,
    /** Client clock, ms since epoch. */
    ts: z.number().int().positive(),
    url: ZHttpUrl.optional(),
    title: z.string().max(TRACK_LIMITS.maxTitle).optional(),
    /** document.referrer; sent with page views. */
    referrer: z.union([ZHttpUrl, z.literal('')]).optional(),
    props: ZTrackProperties.optional(),
  })
  .strict();
export type TrackEvent = z.infer<typeof ZTrackEvent>;

export const ZTrackBatch = z
  .object({
    /** The site key from the snippet. */
    site: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    visitor: ZClientId,
    session: ZClientId,
    /** Client clock when the batch was sent (ms); the server corrects event times by now − sentAt. */
    sentAt: z.number().int().positive(),
    /** 'web' (default) or 'miniprogram'. */
    source: z.enum(['web', 'miniprogram']).optional(),
    events: z.array(ZTrackEvent).min(1).max(TRACK_LIMITS.maxEvents),
  })
  .strict();
export type TrackBatch = z.infer<typeof ZTrackBatch>;

/** 200 from /t/e: every event is committed (stored) or was already stored (duplicates, a replayed batch). */
export const ZTrackResult = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  /** Events dropped on purpose (bots, Do-Not-Track when the site honours it); never retried. */
  ignored: z.number().int(),
});
export type TrackResult = z.infer<typeof ZTrackResult>;

/** GET /t/c/:siteKey — what the snippet needs to know about its site. */
export const ZTrackerConfig = z.object({
  respectDnt: z.boolean(),
  consentRequired: z.boolean(),
  /** Clicks on these elements are sent as events named `name`. */
  clicks: z.array(z.object({ name: z.string(), selector: z.string() })),
});
export type TrackerConfig = z.infer<typeof ZTrackerConfig>;

/**
 * Error codes only the public ingest answers with, in the usual error shape (the tracker reads them; the console
 * never sees them): an unknown or archived site key, a page on a host the site does not allow, and a database
 * that could not take the events right now (retry; event ids make it safe).
 */
export const ZTrackErrorCode = z.enum(['unknown_site', 'origin_not_allowed', 'unavailable']);
export type TrackErrorCode = z.infer<typeof ZTrackErrorCode>;

/** GET /t/p.gif — the pixel, for e-mails and pages where no script runs. */
export const ZTrackPixelQuery = z.object({
  /** Site key. */
  s: ZTrackBatch.shape.site,
  /** Visitor id, when the page knows it. */
  v: ZClientId.optional(),
  /** Event name; a page view by default. */
  n: ZTrackEventName.default('page_view'),
  /** Event id (a retried pixel is stored once); the server makes one otherwise. */
  id: z.uuid().optional(),
  /** The page or e-mail the pixel is in. */
  u: ZHttpUrl.optional(),
  /** A signed lead token: the e-mail's recipient, stitched to the visitor. */
  lt: z.string().max(200).optional(),
});
export type TrackPixelQuery = z.infer<typeof ZTrackPixelQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Tracked sites
// ---------------------------------------------------------------------------------------------------------------

/** `example.com`, `www.example.com`, `*.example.com` (every subdomain), `localhost:5173`. */
export const ZSiteDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/,
    'Enter a host such as example.com or *.example.com',
  );

export const ZTrackingSiteKind = z.enum(['web', 'miniprogram']);
export type TrackingSiteKind = z.infer<typeof ZTrackingSiteKind>;

const ZSiteWritable = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  kind: ZTrackingSiteKind.default('web'),
  domains: z.array(ZSiteDomain).max(50).default([]),
  respectDnt: z.boolean().default(true),
  consentRequired: z.boolean().default(false),
  truncateIp: z.boolean().default(false),
});
export const ZCreateTrackingSiteBody = ZSiteWritable.strict();
export type CreateTrackingSiteBody = z.input<typeof ZCreateTrackingSiteBody>;
export const ZUpdateTrackingSiteBody = z
  .object({
    name: ZSiteWritable.shape.name.optional(),
    domains: z.array(ZSiteDomain).max(50).optional(),
    respectDnt: z.boolean().optional(),
    consentRequired: z.boolean().optional(),
    truncateIp: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to update');
export type UpdateTrackingSiteBody = z.input<typeof ZUpdateTrackingSiteBody>;

export const ZTrackingSite = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZTrackingSiteKind,
  siteKey: z.string(),
  domains: z.array(z.string()),
  respectDnt: z.boolean(),
  consentRequired: z.boolean(),
  truncateIp: z.boolean(),
  /** Null until the first event arrives ("verify installation"). */
  firstEventAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TrackingSite = z.infer<typeof ZTrackingSite>;
export const ZTrackingSiteList = z.object({ items: z.array(ZTrackingSite) });

/** GET /tracking/sites/:id/live?after= — the newest events, for "verify installation" (polled). */
export const ZLiveEventsQuery = z.object({ after: z.string().max(40).optional() }).strict();
export const ZLiveEvent = z.object({
  id: z.uuid(),
  name: z.string(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  visitorId: z.string(),
  leadId: z.uuid().nullable(),
  leadName: z.string().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  deviceType: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  properties: z.record(z.string(), z.unknown()),
});
export type LiveEvent = z.infer<typeof ZLiveEvent>;
export const ZLiveEvents = z.object({
  items: z.array(ZLiveEvent),
  /** Pass back as `after` to get only newer events. */
  cursor: z.string().nullable(),
});
export type LiveEvents = z.infer<typeof ZLiveEvents>;

// ---------------------------------------------------------------------------------------------------------------
// Event definitions
// ---------------------------------------------------------------------------------------------------------------

export const ZTrackingPropertySpec = z
  .object({
    key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Letters, digits and _'),
    label: z.string().trim().max(100).default(''),
    type: z.enum(['string', 'number', 'boolean']),
    required: z.boolean().default(false),
  })
  .strict();
export type TrackingPropertySpec = z.infer<typeof ZTrackingPropertySpec>;

export const ZEventDefinitionKind = z.enum(['page_view', 'click', 'custom']);
export type EventDefinitionKind = z.infer<typeof ZEventDefinitionKind>;

/** page_view: `/pricing`, `/blog/*` (a trailing * matches any rest of the path). */
const ZUrlPattern = z
  .string()
  .trim()
  .regex(/^\/[^\s]*$/, 'Start with / (e.g. /pricing or /blog/*)')
  .max(500);

const definitionShape = {
  siteId: z.uuid().nullable().default(null),
  name: ZTrackEventName.refine(
    (n) => !(STANDARD_EVENT_NAMES as readonly string[]).includes(n),
    'This name is reserved for the standard events',
  ),
  label: z.string().trim().min(1, 'Label is required').max(100),
  /** click: a CSS selector (`#demo-button`, `.cta a`). */
  selector: z.string().trim().min(1).max(300).nullable().default(null),
  urlPattern: ZUrlPattern.nullable().default(null),
  properties: z.array(ZTrackingPropertySpec).max(50).default([]),
};

export const ZCreateEventDefinitionBody = z
  .object({ kind: ZEventDefinitionKind, ...definitionShape })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === 'click' && !d.selector) ctx.addIssue({ code: 'custom', path: ['selector'], message: 'Required' });
    if (d.kind === 'page_view' && !d.urlPattern)
      ctx.addIssue({ code: 'custom', path: ['urlPattern'], message: 'Required' });
  });
export type CreateEventDefinitionBody = z.input<typeof ZCreateEventDefinitionBody>;

export const ZUpdateEventDefinitionBody = z
  .object({
    label: definitionShape.label.optional(),
    selector: z.string().trim().min(1).max(300).optional(),
    urlPattern: ZUrlPattern.optional(),
    properties: z.array(ZTrackingPropertySpec).max(50).optional(),
    siteId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'Nothing to update');
export type UpdateEventDefinitionBody = z.input<typeof ZUpdateEventDefinitionBody>;

export const ZEventDefinition = z.object({
  id: z.uuid(),
  siteId: z.uuid().nullable(),
  kind: ZEventDefinitionKind,
  name: z.string(),
  label: z.string(),
  selector: z.string().nullable(),
  urlPattern: z.string().nullable(),
  properties: z.array(ZTrackingPropertySpec),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type EventDefinition = z.infer<typeof ZEventDefinition>;

/** GET /tracking/event-definitions?from&to — with how many events each had in the period. */
export const ZEventDefinitionList = z.object({
  items: z.array(ZEventDefinition.extend({ count: z.number().int() })),
  /** Custom event names seen in the period that have no definition yet (so the marketer can define them). */
  undefinedNames: z.array(z.object({ name: z.string(), count: z.number().int() })),
});
export type EventDefinitionList = z.infer<typeof ZEventDefinitionList>;

// ---------------------------------------------------------------------------------------------------------------
// Web analytics
// ---------------------------------------------------------------------------------------------------------------

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A period in the workspace's time zone, both days included; at most a year. */
export const ZAnalyticsQuery = z
  .object({
    from: ZDay,
    to: ZDay,
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'Must not be before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 24 * 3600 * 1000, {
    path: ['to'],
    message: 'At most one year',
  });
export type AnalyticsQuery = z.infer<typeof ZAnalyticsQuery>;

export const ZWebAnalyticsSummary = z.object({
  visitors: z.number().int(),
  sessions: z.number().int(),
  pageViews: z.number().int(),
  /** Sessions with one page view and no other event, ÷ sessions (0–1). */
  bounceRate: z.number(),
  /** Mean page view duration where known, ms. */
  avgDurationMs: z.number().int().nullable(),
  /** Visitors stitched to a lead (known leads). */
  identifiedVisitors: z.number().int(),
});

export const ZWebAnalytics = z.object({
  summary: ZWebAnalyticsSummary,
  /** One row per day of the period (days without traffic included as zeros). */
  daily: z.array(
    z.object({
      day: ZDay,
      visitors: z.number().int(),
      sessions: z.number().int(),
      pageViews: z.number().int(),
    }),
  ),
  topPages: z.array(
    z.object({
      path: z.string(),
      title: z.string().nullable(),
      pageViews: z.number().int(),
      visitors: z.number().int(),
      avgDurationMs: z.number().int().nullable(),
    }),
  ),
  /** By referrer host ('' = direct). */
  referrers: z.array(z.object({ host: z.string(), sessions: z.number().int(), visitors: z.number().int() })),
  campaigns: z.array(
    z.object({
      source: z.string(),
      medium: z.string(),
      campaign: z.string(),
      sessions: z.number().int(),
      visitors: z.number().int(),
    }),
  ),
  devices: z.array(z.object({ deviceType: z.string(), visitors: z.number().int() })),
  browsers: z.array(z.object({ browser: z.string(), visitors: z.number().int() })),
  os: z.array(z.object({ os: z.string(), visitors: z.number().int() })),
  regions: z.array(z.object({ province: z.string(), city: z.string(), visitors: z.number().int() })),
});
export type WebAnalytics = z.infer<typeof ZWebAnalytics>;

/** The tables of the analytics screen a user can export (CSV or Excel). */
export const ZAnalyticsTable = z.enum(['daily', 'topPages', 'referrers', 'campaigns', 'devices', 'regions', 'events']);
export type AnalyticsTable = z.infer<typeof ZAnalyticsTable>;
export const ZAnalyticsExportQuery = z
  .object({
    from: ZDay,
    to: ZDay,
    table: ZAnalyticsTable,
    format: z.enum(['csv', 'xlsx']).default('csv'),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------------------
// Management: list queries, the snippet, list exports
// ---------------------------------------------------------------------------------------------------------------

/** GET /tracking/sites?archived= — live sites (default) or the archived ones. */
export const ZTrackingSitesQuery = z.object({ archived: z.enum(['true', 'false']).default('false') }).strict();

/** GET /tracking/sites/:id/snippet — what to paste into the site (or the mini-program's app.js). */
export const ZTrackingSnippet = z.object({
  /** The script the HTML snippet loads (`<PUBLIC_URL>/t/k.js`). */
  scriptUrl: z.string(),
  /** The `<script>` tags to paste before `</head>`, with the site key filled in. */
  html: z.string(),
  /** The mini-program initialisation code (same API over wx.request). */
  miniProgram: z.string(),
});
export type TrackingSnippet = z.infer<typeof ZTrackingSnippet>;

/**
 * GET /tracking/event-definitions?siteId&from&to — definitions of one site (its own and the workspace-wide ones)
 * or of every site, with counts over the period (days in the workspace time zone; default the last 30 days).
 */
export const ZEventDefinitionsQuery = z
  .object({
    siteId: z.uuid().optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'Must not be before from' })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 366 * 24 * 3600 * 1000, {
    path: ['to'],
    message: 'At most one year',
  });
export type EventDefinitionsQuery = z.infer<typeof ZEventDefinitionsQuery>;

/** GET /tracking/sites/export, /tracking/event-definitions/export — the list as a file, in the user's language. */
export const ZTrackingListExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }).strict();

/** Raw events an analytics export (`table=events`) holds at most; the newest are cut off beyond it. */
export const ANALYTICS_EXPORT_MAX_EVENTS = 100_000;

/** Activity type of a tracked event in the lead timeline and the behaviour filters: `web.page_view`, … */
export function trackedActivityType(eventName: string): string {
  return `web.${eventName}`;
}
