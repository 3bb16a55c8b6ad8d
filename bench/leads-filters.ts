// The filter questions of bench:leads: each as a filter-language AST (what the console sends) and as the SQL a
// developer would write by hand for the same question. Both answer "how many, and the first page of 50".
import type { FilterNode } from '@kindling/contracts/filters';
import { sql, type SQL } from 'drizzle-orm';
import { benchLead } from './leads-data';

export interface FilterQuestion {
  name: string;
  filter: FilterNode;
  /** The WHERE clause over `leads l`, without the workspace and recycle-bin conditions (added by the runner). */
  handWritten: SQL;
}

const field = (name: string, operator: string, value?: unknown): FilterNode => ({
  kind: 'field',
  field: name,
  operator,
  ...(value === undefined ? {} : { value }),
});
const and = (...children: FilterNode[]): FilterNode => ({ kind: 'group', op: 'and', children });
const or = (...children: FilterNode[]): FilterNode => ({ kind: 'group', op: 'or', children });

export function filterQuestions(leadCount: number): FilterQuestion[] {
  const someone = benchLead(Math.floor(leadCount / 2));
  return [
    {
      name: 'typical: 3 conditions',
      filter: and(
        field('province', 'equals', '广东'),
        field('tier', 'in_list', ['gold', 'platinum']),
        field('employees', 'gt', 500),
      ),
      handWritten: sql`l.province = '广东' and l.attributes->>'tier' in ('gold', 'platinum')
        and (l.attributes->>'employees')::numeric > 500`,
    },
    {
      name: 'selective: email equals',
      filter: field('email', 'equals', someone.email),
      handWritten: sql`l.email = ${someone.email}`,
    },
    {
      name: 'nested: 10 conditions + behaviour',
      filter: and(
        or(field('province', 'equals', '广东'), field('province', 'equals', '浙江'), field('city', 'equals', '上海')),
        and(field('tier', 'in_list', ['gold', 'platinum']), {
          kind: 'group',
          op: 'and',
          negate: true,
          children: [field('plan', 'equals', 'free')],
        }),
        or(field('employees', 'between', [100, 800]), field('budget', 'gt', 900)),
        field('interests', 'has_any', ['crm', 'wechat']),
        field('wants_newsletter', 'is_true'),
        {
          kind: 'behaviour',
          activityType: 'email.opened',
          comparison: 'at_least',
          count: 2,
          withinDays: 30,
        },
      ),
      handWritten: sql`(l.province in ('广东', '浙江') or l.city = '上海')
        and l.attributes->>'tier' in ('gold', 'platinum') and l.attributes->>'plan' is distinct from 'free'
        and ((l.attributes->>'employees')::numeric between 100 and 800 or (l.attributes->>'budget')::numeric > 900)
        and (l.attributes->'interests' ? 'crm' or l.attributes->'interests' ? 'wechat')
        and (l.attributes->>'wants_newsletter')::boolean
        and (select count(*) from activities a where a.workspace_id = l.workspace_id and a.lead_id = l.id
             and a.type = 'email.opened' and a.occurred_at >= date_trunc('day', now()) - interval '29 days') >= 2`,
    },
  ];
}
