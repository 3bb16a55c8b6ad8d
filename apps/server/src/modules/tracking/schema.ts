import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TrackingPropertySpec } from '@kindling/contracts/tracking';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { leads } from '../leads/schema';

/**
 * A tracked web site or mini-program. `site_key` is the public identifier the snippet sends (unguessable, unique
 * across workspaces: the ingest endpoint resolves the workspace from it before any tenant context exists).
 */
export const trackingSites = pgTable(
  'tracking_sites',
  {
    ...tenantColumns,
    name: text('name').notNull(),
    /** 'web' or 'miniprogram'. */
    kind: text('kind').notNull().default('web'),
    siteKey: text('site_key').notNull(),
    /** Hosts allowed to send events (CORS): `example.com`, or `*.example.com` for every subdomain. */
    domains: text('domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    respectDnt: boolean('respect_dnt').notNull().default(true),
    /** PIPL/GDPR: the snippet stores no id and sends nothing until the page calls kindling.consent(). */
    consentRequired: boolean('consent_required').notNull().default(false),
    /** Store IPv4 addresses as /24 and IPv6 as /48 (the region is looked up before truncating). */
    truncateIp: boolean('truncate_ip').notNull().default(false),
    firstEventAt: timestamp('first_event_at', { withTimezone: true }),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'tracking_sites_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('tracking_sites_site_key').on(t.siteKey),
  ],
);

/**
 * What the marketer chose to track: named pages (URL pattern), clicks on chosen elements (CSS selector), and
 * custom events with a property schema. A null site applies to every site of the workspace.
 */
export const trackingEventDefinitions = pgTable(
  'tracking_event_definitions',
  {
    ...tenantColumns,
    siteId: uuid('site_id'),
    /** 'page_view' | 'click' | 'custom'. */
    kind: text('kind').notNull(),
    /** The event name the snippet sends (and the activity type `web.<name>`). */
    name: text('name').notNull(),
    label: text('label').notNull(),
    /** click: the CSS selector (or `#id`) whose clicks are recorded. */
    selector: text('selector'),
    /** page_view: the path pattern (`/pricing`, `/blog/*`) that names a page. */
    urlPattern: text('url_pattern'),
    properties: jsonb('properties').$type<TrackingPropertySpec[]>().notNull().default([]),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ name: 'tracking_event_definitions_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('tracking_event_definitions_name_key')
      .on(t.workspaceId, t.name)
      .where(sql`${t.archivedAt} is null`),
    foreignKey({
      name: 'tracking_event_definitions_site_fk',
      columns: [t.workspaceId, t.siteId],
      foreignColumns: [trackingSites.workspaceId, trackingSites.id],
    }).onDelete('cascade'),
  ],
);

/**
 * An anonymous visitor (one browser or mini-program install), keyed by the random id the snippet generated.
 * Identity stitching sets lead_id; one lead may have many visitors (devices). Deleting the lead deletes them.
 */
export const trackingVisitors = pgTable(
  'tracking_visitors',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: text('id').notNull(),
    siteId: uuid('site_id').notNull(),
    leadId: uuid('lead_id'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    identifiedAt: timestamp('identified_at', { withTimezone: true }),
    /** How it was stitched: 'identify' | 'form' | 'email_link' | 'merge'. */
    identifiedVia: text('identified_via'),
  },
  (t) => [
    primaryKey({ name: 'tracking_visitors_pkey', columns: [t.workspaceId, t.id] }),
    index('tracking_visitors_lead_idx')
      .on(t.workspaceId, t.leadId)
      .where(sql`${t.leadId} is not null`),
    foreignKey({
      name: 'tracking_visitors_lead_fk',
      columns: [t.workspaceId, t.leadId],
      foreignColumns: [leads.workspaceId, leads.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Every tracked event, anonymous or not: the analytics store (real columns, not jsonb, so web analytics can group
 * and count cheaply). Events of identified visitors are also appended to `activities` (the lead timeline and the
 * behaviour filters read those). Written by group commit at tens of thousands of rows a second, so it has as few
 * indexes as the reads allow and no foreign keys (a per-row RI check would lock the visitor row): the client's
 * event id is the primary key, which is also the dedupe of replayed batches.
 */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    /** The client's event id (a UUID), or one the server made for the pixel. */
    id: uuid('id').notNull(),
    siteId: uuid('site_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    sessionId: text('session_id').notNull(),
    /** page_view | page_leave | click | form_submit | outbound_click | identify | <custom event name>. */
    name: text('name').notNull(),
    /** Client time corrected by the client's clock offset (sentAt vs server receipt). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    url: text('url'),
    /** Path without query string, for top pages. */
    path: text('path'),
    title: text('title'),
    referrer: text('referrer'),
    /** Host of an external referrer, '' for direct, null for internal navigation. */
    referrerHost: text('referrer_host'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    deviceType: text('device_type'),
    browser: text('browser'),
    os: text('os'),
    country: text('country'),
    province: text('province'),
    city: text('city'),
    ip: text('ip'),
    /** page_view: how long the page stayed open (filled when its page_leave arrives). */
    durationMs: integer('duration_ms'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ name: 'tracking_events_pkey', columns: [t.workspaceId, t.id] }),
    index('tracking_events_site_time_idx').on(t.workspaceId, t.siteId, t.occurredAt),
    index('tracking_events_visitor_time_idx').on(t.workspaceId, t.visitorId, t.occurredAt),
  ],
);
