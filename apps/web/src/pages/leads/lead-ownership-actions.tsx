import type { Lead } from '@kindling/contracts/leads';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClaimLead, useReleaseLead } from '../../api/use-assignment';
import { useNotifyError } from '../../errors/use-notify-error';
import { useCan, useSession } from '../../session/session-context';
import { AssignLeadsModal } from './assign-leads-modal';

/** Lead detail: claim from the public pool, release to it, or hand the lead to someone. */
export function LeadOwnershipActions({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const session = useSession();
  const canWrite = useCan('leads:write');
  const canAssign = useCan('leads:assign');
  const claim = useClaimLead();
  const release = useReleaseLead();
  const [assigning, setAssigning] = useState(false);
  const mine = lead.ownerId === session.user.id;

  return (
    <>
      {canWrite && !lead.ownerId && (
        <Button
          data-testid="lead-claim"
          loading={claim.isPending}
          onClick={() =>
            claim.mutate(lead.id, {
              onSuccess: () => void message.success(t('leads.pool.claimed')),
              onError: (error) => notifyError(error),
            })
          }
        >
          {t('leads.pool.claim')}
        </Button>
      )}
      {canWrite && lead.ownerId && (mine || canAssign) && (
        <Popconfirm
          title={t('leads.pool.releaseConfirm')}
          onConfirm={() =>
            release.mutateAsync(lead.id).then(
              () => void message.success(t('leads.pool.released')),
              (error: unknown) => notifyError(error),
            )
          }
        >
          <Button loading={release.isPending}>{t('leads.pool.release')}</Button>
        </Popconfirm>
      )}
      {canAssign && <Button onClick={() => setAssigning(true)}>{t('leads.assign.button')}</Button>}
      <AssignLeadsModal target={{ ids: [lead.id] }} count={1} open={assigning} onClose={() => setAssigning(false)} />
    </>
  );
}
