import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/use-members';

/** Pick a lead owner among the workspace's members (value = the member's user id; several with mode="multiple"). */
export function OwnerSelect<V extends string | string[] = string>(props: Omit<SelectProps<V>, 'options' | 'loading'>) {
  const { t } = useTranslation();
  const members = useMembers();
  return (
    <Select<V>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('leads.form.ownerPlaceholder')}
      {...props}
      loading={members.isPending}
      options={(members.data ?? []).map((member) => ({
        value: member.userId,
        label: member.name,
        title: member.email,
      }))}
    />
  );
}
