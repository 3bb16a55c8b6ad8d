import type { Role } from '@kindling/contracts/permissions';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const ROLE_COLORS: Record<Role, string> = {
  owner: 'volcano',
  admin: 'orange',
  marketer: 'magenta',
  sales: 'green',
  manager: 'geekblue',
  viewer: 'default',
};

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLORS[role]}>{t(`roles.${role}.name`)}</Tag>;
}
