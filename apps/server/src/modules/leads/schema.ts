import { sql } from 'drizzle-orm';
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns, timestamps } from '../../platform/db/columns';
import { workspaces } from '../../platform/workspaces/schema';

export const leads = pgTable(
  'leads',
  {
    ...tenantColumns,
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    companyName: text('company_name'),
    /** The company record (modules/companies); `company_name` stays as typed, for leads without one. */
    companyId: uuid('company_id'),
    jobTitle: text('job_title'),
    wechatOpenid: text('wechat_openid'),
    wechatUnionid: text('wechat_unionid'),
    province: text('province'),
    city: text('city'),
    industry: text('industry'),
    source: text('source').notNull().default('manual'),
    ownerId: uuid('owner_id'),
    /** Custom field values, validated against the workspace's field definitions on write. */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by'),
    ...timestamps,
    /** Soft delete: restorable for 30 days, then purged by a scheduled job. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'leads_pkey', columns: [t.workspaceId, t.id] }),
    uniqueIndex('leads_workspace_email_key')
      .on(t.workspaceId, t.email)
      .where(sql`${t.email} is not null and ${t.deletedAt} is null`),
    index('leads_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('leads_workspace_phone_idx').on(t.workspaceId, t.phone),
    index('leads_workspace_owner_idx').on(t.workspaceId, t.ownerId),
    index('leads_workspace_company_idx').on(t.workspaceId, t.companyId),
    /** Serves the filter compiler's containment (`attributes @> …`) for custom-field equality and lists. */
    index('leads_attributes_gin').using('gin', t.attributes.op('jsonb_path_ops')),
    /** Later: dedupe WeChat followers into existing leads. */
    index('leads_workspace_wechat_openid_idx').on(t.workspaceId, t.wechatOpenid),
    /** Duplicate detection and WeChat matching by unionid; partial, as most leads have none. */
    index('leads_workspace_wechat_unionid_idx')
      .on(t.workspaceId, t.wechatUnionid)
      .where(sql`${t.wechatUnionid} is not null`),
    foreignKey({ name: 'leads_workspace_fk', columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      'cascade',
    ),
  ],
);
