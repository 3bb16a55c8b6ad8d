import { ROLES, type Role } from '@kindling/contracts/permissions';
import { Select, Typography, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

interface RoleSelectProps extends Omit<SelectProps<Role>, 'options'> {
  /** Roles not offered (e.g. owner when inviting). */
  exclude?: readonly Role[];
  /** Show each role's description under its name. */
  describe?: boolean;
}

export function RoleSelect({ exclude = [], describe = false, ...props }: RoleSelectProps) {
  const { t } = useTranslation();
  return (
    <Select<Role>
      {...props}
      optionLabelProp="title"
      options={ROLES.filter((role) => !exclude.includes(role)).map((role) => ({
        value: role,
        title: t(`roles.${role}.name`),
        label: describe ? (
          <div>
            <div>{t(`roles.${role}.name`)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
              {t(`roles.${role}.description`)}
            </Typography.Text>
          </div>
        ) : (
          t(`roles.${role}.name`)
        ),
      }))}
    />
  );
}
