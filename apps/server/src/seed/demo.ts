import { count, sql } from 'drizzle-orm';
import type { AppConfig } from '../config';
import { activities } from '../modules/activities/schema';
import { leadsChanged } from '../modules/leads/count-cache';
import { leads } from '../modules/leads/schema';
import { users } from '../platform/auth/schema';
import { createUser } from '../platform/auth/service';
import type { Db } from '../platform/db/client';
import { newId } from '../platform/db/ids';
import { withTenant } from '../platform/db/tenant';
import { memberships } from '../platform/workspaces/schema';
import { createWorkspace } from '../platform/workspaces/service';
import { insertDemoCompanies } from './demo-companies';
import { generateDemoLeads, seededRandom } from './demo-data';
import { insertDemoTracking } from './demo-tracking';

const TEAM = [
  { email: 'li.na@kindling.local', name: '李娜', role: 'marketer' },
  { email: 'zhang.wei@kindling.local', name: '张伟', role: 'sales' },
  { email: 'emily.chen@kindling.local', name: 'Emily Chen', role: 'sales' },
  { email: 'wang.fang@kindling.local', name: '王芳', role: 'manager' },
] as const;

const NOTES = [
  '已电话沟通，对营销自动化感兴趣，下周约演示。',
  'Asked for pricing of the enterprise plan.',
  '会议现场扫码登记，关注线索评分功能。',
  'Follow up after the webinar.',
];

/** Inserts leads (and their creation activities) in chunks, in one tenant transaction. */
export async function insertDemoLeads(
  db: Db,
  workspaceId: string,
  ownerIds: string[],
  total: number,
  seed = 42,
): Promise<void> {
  const generated = generateDemoLeads(total, { seed, owners: ownerIds.length });
  const random = seededRandom(seed + 1);
  await withTenant(db, workspaceId, async (tx) => {
    for (let start = 0; start < generated.length; start += 500) {
      const chunk = generated.slice(start, start + 500).map((lead) => ({
        id: newId(),
        workspaceId,
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
        companyName: lead.companyName,
        jobTitle: lead.jobTitle,
        source: lead.source,
        ownerId: lead.ownerIndex === null ? null : (ownerIds[lead.ownerIndex] ?? null),
        createdAt: lead.createdAt,
        updatedAt: lead.createdAt,
      }));
      await tx.insert(leads).values(chunk);
      await tx.insert(activities).values(
        chunk.flatMap((lead) => [
          {
            workspaceId,
            leadId: lead.id,
            type: 'lead_created',
            source: lead.source,
            occurredAt: lead.createdAt,
            properties: { name: lead.name, source: lead.source },
          },
          ...(random() < 0.2
            ? [
                {
                  workspaceId,
                  leadId: lead.id,
                  type: 'note_added',
                  source: 'console',
                  actorUserId: lead.ownerId,
                  occurredAt: new Date(lead.createdAt.getTime() + 36e5 * (1 + Math.floor(random() * 72))),
                  properties: { body: NOTES[Math.floor(random() * NOTES.length)] },
                },
              ]
            : []),
        ]),
      );
    }
  });
  leadsChanged(workspaceId);
  // Fresh statistics after a bulk load, or the planner keeps thinking the tables are empty.
  await db.execute(sql`analyze leads`);
  await db.execute(sql`analyze activities`);
}

/**
 * First start: an admin (owner), a small team, a demo workspace with 300 leads (linked to 20 companies, some of
 * them divisions of a group; a tracked web site with two weeks of traffic) and a second workspace to show
 * the switcher. Does nothing when any user exists, so a restart never re-seeds or resets.
 */
export async function seedIfEmpty(db: Db, config: Pick<AppConfig, 'adminEmail' | 'adminPassword'>): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return false;
  const admin = await createUser(db, {
    email: config.adminEmail,
    name: 'Admin 管理员',
    password: config.adminPassword,
  });
  const demo = await createWorkspace(db, admin.id, { name: 'Kindling 演示工作区', timeZone: 'Asia/Shanghai' });
  const team = [];
  for (const person of TEAM) {
    const user = await createUser(db, { email: person.email, name: person.name, password: config.adminPassword });
    await db.insert(memberships).values({ workspaceId: demo.id, userId: user.id, role: person.role });
    team.push(user);
  }
  const salesIds = team.filter((_, i) => TEAM[i]?.role === 'sales').map((u) => u.id);
  await insertDemoLeads(db, demo.id, [admin.id, ...salesIds], 300);
  await insertDemoCompanies(db, demo.id);
  await insertDemoTracking(db, demo.id);
  const global = await createWorkspace(db, admin.id, { name: 'Global Team (EN)', timeZone: 'Europe/London' });
  await insertDemoLeads(db, global.id, [admin.id], 40, 7);
  return true;
}
