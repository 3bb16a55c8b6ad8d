import {
  AimOutlined,
  BarChartOutlined,
  FileTextOutlined,
  MessageOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@kindling/contracts/permissions';
import type { ReactNode } from 'react';

export type NavSectionKey = 'acquisition' | 'leadManagement' | 'engagement' | 'content' | 'analytics' | 'settings';

export type NavItemKey =
  | 'events'
  | 'gatedContent'
  | 'live'
  | 'advocacy'
  | 'referral'
  | 'tracking'
  | 'leads'
  | 'segments'
  | 'duplicates'
  | 'companies'
  | 'lifecycleStages'
  | 'scoring'
  | 'tags'
  | 'wechatFollowers'
  | 'memberCentre'
  | 'journeys'
  | 'email'
  | 'sms'
  | 'wechatOa'
  | 'wecom'
  | 'chatbot'
  | 'businessCards'
  | 'articles'
  | 'trackedLinks'
  | 'forms'
  | 'assets'
  | 'dashboards'
  | 'workspace'
  | 'members'
  | 'fields'
  | 'audit'
  | 'account';

export interface NavItem {
  key: NavItemKey;
  path: string;
  /** Built screens; everything else routes to the "coming soon" page. */
  ready?: boolean;
  /** Hidden from the menu without this permission. */
  permission?: Permission;
}

export interface NavSection {
  key: NavSectionKey;
  icon: ReactNode;
  items: NavItem[];
}

/** The product map: the sidebar and the "coming soon" routes are both generated from it. */
export const NAV_SECTIONS: NavSection[] = [
  {
    key: 'acquisition',
    icon: <AimOutlined />,
    items: [
      { key: 'events', path: '/acquisition/events' },
      { key: 'gatedContent', path: '/acquisition/gated-content' },
      { key: 'live', path: '/acquisition/live' },
      { key: 'advocacy', path: '/acquisition/advocacy' },
      { key: 'referral', path: '/acquisition/referral' },
      { key: 'tracking', path: '/acquisition/tracking', ready: true, permission: 'tracking:read' },
    ],
  },
  {
    key: 'leadManagement',
    icon: <TeamOutlined />,
    items: [
      { key: 'leads', path: '/leads', ready: true, permission: 'leads:read' },
      { key: 'segments', path: '/segments', ready: true, permission: 'leads:read' },
      { key: 'duplicates', path: '/leads/duplicates', ready: true, permission: 'leads:read' },
      { key: 'companies', path: '/companies', ready: true, permission: 'leads:read' },
      { key: 'lifecycleStages', path: '/audience/lifecycle-stages' },
      { key: 'scoring', path: '/audience/scoring' },
      { key: 'tags', path: '/audience/tags' },
      { key: 'wechatFollowers', path: '/audience/wechat-followers' },
      { key: 'memberCentre', path: '/audience/member-centre' },
    ],
  },
  {
    key: 'engagement',
    icon: <MessageOutlined />,
    items: [
      { key: 'journeys', path: '/engagement/journeys' },
      { key: 'email', path: '/engagement/email' },
      { key: 'sms', path: '/engagement/sms' },
      { key: 'wechatOa', path: '/engagement/wechat-oa' },
      { key: 'wecom', path: '/engagement/wecom' },
      { key: 'chatbot', path: '/engagement/chatbot' },
      { key: 'businessCards', path: '/engagement/business-cards' },
    ],
  },
  {
    key: 'content',
    icon: <FileTextOutlined />,
    items: [
      { key: 'articles', path: '/content/articles' },
      { key: 'trackedLinks', path: '/content/links' },
      { key: 'forms', path: '/content/forms' },
      { key: 'assets', path: '/content/assets' },
    ],
  },
  {
    key: 'analytics',
    icon: <BarChartOutlined />,
    items: [{ key: 'dashboards', path: '/analytics/dashboards' }],
  },
  {
    key: 'settings',
    icon: <SettingOutlined />,
    items: [
      { key: 'workspace', path: '/settings/workspace', ready: true },
      { key: 'members', path: '/settings/members', ready: true, permission: 'members:read' },
      { key: 'fields', path: '/settings/fields', ready: true, permission: 'leads:read' },
      { key: 'audit', path: '/settings/audit', ready: true, permission: 'audit:read' },
      { key: 'account', path: '/settings/account', ready: true },
    ],
  },
];

export const COMING_SOON_ITEMS = NAV_SECTIONS.flatMap((section) => section.items.filter((item) => !item.ready));

/** The section and item a URL belongs to (longest matching path prefix). */
export function findNavItem(pathname: string): { section: NavSection; item: NavItem } | null {
  let best: { section: NavSection; item: NavItem } | null = null;
  for (const section of NAV_SECTIONS) {
    for (const item of section.items) {
      const matches = pathname === item.path || pathname.startsWith(`${item.path}/`);
      if (matches && (!best || item.path.length > best.item.path.length)) best = { section, item };
    }
  }
  return best;
}
