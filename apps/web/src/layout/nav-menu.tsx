import { Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { findNavItem, NAV_SECTIONS, type NavSectionKey } from '../navigation/nav-config';
import { useSession } from '../session/session-context';

type MenuItem = Required<MenuProps>['items'][number];

const sectionMenuKey = (key: NavSectionKey) => `section:${key}`;

export function NavMenu({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { permissions } = useSession();
  const current = findNavItem(pathname);
  const currentSectionKey = current ? sectionMenuKey(current.section.key) : null;

  const [openKeys, setOpenKeys] = useState<string[]>(currentSectionKey ? [currentSectionKey] : []);
  // Navigating into a closed section (a link, the back button) opens it; adjusting state while rendering
  // avoids an effect round-trip.
  const [seenSection, setSeenSection] = useState(currentSectionKey);
  if (currentSectionKey !== seenSection) {
    setSeenSection(currentSectionKey);
    if (currentSectionKey && !openKeys.includes(currentSectionKey)) setOpenKeys([...openKeys, currentSectionKey]);
  }

  const items: MenuItem[] = NAV_SECTIONS.map((section) => ({
    key: sectionMenuKey(section.key),
    icon: section.icon,
    label: t(`nav.sections.${section.key}`),
    children: section.items
      .filter((item) => !item.permission || permissions.includes(item.permission))
      .map((item) => ({
        key: item.path,
        label: (
          <Link to={item.path} data-testid={`nav-${item.key}`}>
            {t(`nav.items.${item.key}.title`)}
          </Link>
        ),
      })),
  }));

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={current ? [current.item.path] : []}
      {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
    />
  );
}
