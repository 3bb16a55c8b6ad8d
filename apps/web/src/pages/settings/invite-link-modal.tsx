import type { Invitation } from '@kindling/contracts/workspaces';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown once after inviting: the link is never retrievable again (the server keeps only its hash). */
export function InviteLinkModal({ invitation, onClose }: { invitation: Invitation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const url = invitation?.inviteUrl ?? '';
  return (
    <Modal
      open={invitation !== null}
      title={t('invitations.link.title')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.done')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('invitations.link.intro', { email: invitation?.email ?? '' })}</Typography.Paragraph>
      <Input
        readOnly
        value={url}
        onFocus={(event) => event.target.select()}
        suffix={<Typography.Text copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }} />}
        data-testid="invite-url"
      />
      <Alert type="info" showIcon title={t('invitations.link.emailNote')} style={{ marginTop: 16 }} />
    </Modal>
  );
}
