import { ZEmailField, ZPhoneField } from '@kindling/contracts/leads';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db/client';
import { withTenant } from '../../platform/db/tenant';
import type { ServiceContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import type { JobQueue } from '../../platform/jobs/queue';
import { findMatchingLeads } from '../imports/batch-sql';
import { createLead, getLead, updateLead, type LeadInput } from '../leads/service';
import { IDENTIFY_JOB_MAX_EVENTS, identifyEventsJob } from './jobs';
import { verifyLeadToken, workspaceSigningSecret } from './lead-token';
import { trackingEvents, trackingVisitors } from './schema';
import { stitchVisitor, type StitchVia } from './stitch';

/** What an `identify` event says about the visitor, each trait checked on its own (a bad one is dropped). */
interface IdentifyTraits {
  email: string | null;
  phone: string | null;
  name: string | null;
  company: string | null;
  /** A signed lead token from a tracked email link (`_kt` on the landing URL). */
  kt: string | null;
}

/** As the API's lead fields allow (contracts/leads.ts ZLeadWritable). */
const MAX_NAME = 200;
const MAX_COMPANY = 200;

interface IdentifyEvent {
  id: string;
  siteId: string;
  visitorId: string;
  properties: Record<string, unknown>;
}

/**
 * Runs after the ingest committed a flush with `identify` events (ingest never waits for leads to be looked up or
 * created). One job per flush of a workspace: it carries ids only; the events are read back from the database.
 */
export async function enqueueIdentify(jobs: JobQueue, workspaceId: string, eventIds: string[]): Promise<void> {
  // Chunked: a flush can be larger than one job's payload allows (jobs.ts).
  for (let start = 0; start < eventIds.length; start += IDENTIFY_JOB_MAX_EVENTS) {
    await jobs.send(identifyEventsJob, {
      workspaceId,
      eventIds: eventIds.slice(start, start + IDENTIFY_JOB_MAX_EVENTS),
    });
  }
}

/** A trait that is not usable is logged (without its value: it is personal data) and ignored. */
function dropTrait(event: IdentifyEvent, trait: string): null {
  console.warn(`[tracking.identify] event ${event.id}: ignored an invalid "${trait}" trait`);
  return null;
}

function textTrait(event: IdentifyEvent, trait: string, max: number): string | null {
  const value = event.properties[trait];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim().length > max) return dropTrait(event, trait);
  return value.trim() || null;
}

/** Email and phone are normalised exactly as the leads API stores them (lower-case email, E.164 phone). */
function readTraits(event: IdentifyEvent): IdentifyTraits {
  const { email, phone, kt } = event.properties;
  let parsedEmail: string | null = null;
  if (email !== undefined && email !== null) {
    const parsed = ZEmailField.safeParse(email);
    parsedEmail = parsed.success ? parsed.data : dropTrait(event, 'email');
  }
  let parsedPhone: string | null = null;
  if (phone !== undefined && phone !== null) {
    const parsed = ZPhoneField.safeParse(typeof phone === 'number' ? String(phone) : phone);
    parsedPhone = parsed.success ? parsed.data : dropTrait(event, 'phone');
  }
  return {
    email: parsedEmail,
    phone: parsedPhone,
    name: textTrait(event, 'name', MAX_NAME),
    company: textTrait(event, 'company', MAX_COMPANY),
    kt: typeof kt === 'string' && kt !== '' ? kt : null,
  };
}

/** The live lead a valid token of this workspace names; null for a bad, expired or foreign token or a gone lead. */
async function leadOfToken(tx: Db, ctx: ServiceContext, token: string): Promise<string | null> {
  const secret = await workspaceSigningSecret(tx, ctx.workspaceId);
  const claims = secret ? verifyLeadToken(secret, token) : null;
  if (!claims || claims.workspaceId !== ctx.workspaceId) return null;
  try {
    return (await getLead(tx, ctx, claims.leadId)).id;
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) return null;
    throw error;
  }
}

/** The lead a visitor is linked to already, if any. */
async function currentLeadOf(tx: Db, ctx: ServiceContext, visitorId: string): Promise<string | null> {
  const [row] = await tx
    .select({ leadId: trackingVisitors.leadId })
    .from(trackingVisitors)
    .where(and(eq(trackingVisitors.workspaceId, ctx.workspaceId), eq(trackingVisitors.id, visitorId)));
  return row?.leadId ?? null;
}

/**
 * Fills the lead's empty fields from the traits; a public call never overwrites what the lead has. An email that
 * another live lead holds is left out (emails are unique; that lead would have been the match by email).
 */
async function fillEmptyFields(
  tx: Db,
  ctx: ServiceContext,
  leadId: string,
  traits: IdentifyTraits,
  emailHolderId: string | null,
): Promise<void> {
  const lead = await getLead(tx, ctx, leadId);
  const patch: LeadInput = {};
  if (!lead.email && traits.email && (emailHolderId === null || emailHolderId === leadId)) patch.email = traits.email;
  if (!lead.phone && traits.phone) patch.phone = traits.phone;
  if (!lead.companyName && traits.company) patch.companyName = traits.company;
  if (Object.keys(patch).length > 0) await updateLead(tx, ctx, leadId, patch);
}

/**
 * One identify event, in its own transaction: which lead the visitor is — a valid lead token of this workspace
 * wins, then a live lead with the email, then one with the phone (the oldest), else a new lead (source website,
 * created through the leads service like the API does) — its empty fields filled from the traits, and the visitor
 * stitched to it. Without any usable email, phone or token, the traits only fill the fields of the lead the
 * visitor already belongs to. Running it again changes nothing more.
 */
async function identifyOne(tx: Db, ctx: ServiceContext, event: IdentifyEvent): Promise<void> {
  const traits = readTraits(event);
  const tokenLead = traits.kt ? await leadOfToken(tx, ctx, traits.kt) : null;
  if (traits.kt && !tokenLead) dropTrait(event, 'kt');
  // The token is a capability (it names a lead): once used, it is not kept in the raw event the console shows.
  if (traits.kt) await forgetToken(tx, ctx, event.id);
  const matches =
    traits.email || traits.phone
      ? await findMatchingLeads(
          tx,
          ctx,
          { emails: traits.email ? [traits.email] : [], phones: traits.phone ? [traits.phone] : [], openids: [] },
          true,
        )
      : [];
  const emailHolder = traits.email ? (matches.find((lead) => lead.email === traits.email)?.id ?? null) : null;
  const phoneHolder = traits.phone ? (matches.find((lead) => lead.phone === traits.phone)?.id ?? null) : null;

  const leadId = tokenLead ?? emailHolder ?? phoneHolder;
  const via: StitchVia = tokenLead ? 'email_link' : 'identify';
  if (leadId) {
    await fillEmptyFields(tx, ctx, leadId, traits, emailHolder);
    await stitchVisitor(tx, ctx, { visitorId: event.visitorId, siteId: event.siteId, leadId, via });
    return;
  }
  if (traits.email || traits.phone) {
    const name = traits.name ?? traits.email?.split('@')[0] ?? traits.phone ?? '';
    const created = await createLead(tx, ctx, {
      name: name.slice(0, MAX_NAME),
      email: traits.email,
      phone: traits.phone,
      companyName: traits.company,
      source: 'website',
    });
    await stitchVisitor(tx, ctx, { visitorId: event.visitorId, siteId: event.siteId, leadId: created.id, via });
    return;
  }
  const current = await currentLeadOf(tx, ctx, event.visitorId);
  if (current) await fillEmptyFields(tx, ctx, current, traits, null);
}

async function forgetToken(tx: Db, ctx: ServiceContext, eventId: string): Promise<void> {
  await tx
    .update(trackingEvents)
    .set({ properties: sql`${trackingEvents.properties} - 'kt'` })
    .where(and(eq(trackingEvents.workspaceId, ctx.workspaceId), eq(trackingEvents.id, eventId)));
}

/**
 * The `tracking.identify` job: each stored identify event among `eventIds` (others are ignored), oldest first,
 * each in its own tenant transaction so one person's identify does not wait for another's. Failures other than
 * bad traits (a concurrent writer took the email, the database went away) fail the job, which pg-boss retries;
 * what was done already is not done twice.
 */
export async function processIdentifyEvents(
  database: Database,
  workspaceId: string,
  eventIds: string[],
): Promise<void> {
  if (eventIds.length === 0) return;
  const ctx: ServiceContext = { workspaceId, userId: null };
  const events = await withTenant(database.db, workspaceId, (tx) =>
    tx
      .select({
        id: trackingEvents.id,
        siteId: trackingEvents.siteId,
        visitorId: trackingEvents.visitorId,
        properties: trackingEvents.properties,
      })
      .from(trackingEvents)
      .where(
        and(
          eq(trackingEvents.workspaceId, workspaceId),
          inArray(trackingEvents.id, eventIds),
          eq(trackingEvents.name, 'identify'),
        ),
      )
      .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id)),
  );
  for (const event of events) {
    await withTenant(database.db, workspaceId, (tx) => identifyOne(tx, ctx, event));
  }
}
