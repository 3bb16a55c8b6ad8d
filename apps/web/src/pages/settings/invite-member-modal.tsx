import type { Role } from '@kindling/contracts/permissions';
import type { Invitation } from '@kindling/contracts/workspaces';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateInvitation } from '../../api/use-invitations';
import { FormModal } from '../../components/form-modal';
import { RoleSelect } from './role-select';

interface InviteValues {
  email: string;
  role: Exclude<Role, 'owner'>;
}

export function InviteMemberModal({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: (invitation: Invitation) => void;
}) {
  const { t } = useTranslation();
  const createInvitation = useCreateInvitation();
  return (
    <FormModal<InviteValues>
      open={open}
      title={t('invitations.invite.title')}
      onClose={onClose}
      onSubmit={async (values) =>
        onInvited(await createInvitation.mutateAsync({ ...values, email: values.email.trim() }))
      }
      initialValues={{ role: 'marketer' }}
      submitText={t('invitations.invite.submit')}
      errorOverrides={{ conflict: t('invitations.invite.conflict') }}
    >
      <Form.Item
        name="email"
        label={t('invitations.fields.email')}
        rules={[
          { required: true, message: t('validation.required') },
          { type: 'email', message: t('validation.email') },
        ]}
      >
        <Input autoFocus inputMode="email" maxLength={254} placeholder="name@company.com" />
      </Form.Item>
      <Form.Item name="role" label={t('invitations.fields.role')} rules={[{ required: true }]}>
        <RoleSelect exclude={['owner']} describe />
      </Form.Item>
    </FormModal>
  );
}
