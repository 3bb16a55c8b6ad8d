import { ROLES } from '@kindling/contracts/permissions';
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { RoleTag } from '../../components/role-tag';

/** What each role may do, in words. */
export function RoleGuide() {
  const { t } = useTranslation();
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      styles={{ label: { width: 140 } }}
      items={ROLES.map((role) => ({
        key: role,
        label: <RoleTag role={role} />,
        children: t(`roles.${role}.description`),
      }))}
    />
  );
}
