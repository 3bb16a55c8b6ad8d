import type { Lead } from '@kindling/contracts/leads';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLeadDuplicates } from '../../api/use-duplicates';
import { useCan } from '../../session/session-context';
import { DuplicateReasonTags } from './duplicate-reason-tags';
import { MergeLeadsModal } from './merge-leads-modal';

/** The lead page shows this many likely duplicates; the duplicate list has the rest. */
const SHOWN = 5;

/** "可能与 X 重复" on a lead's page, with a Merge action per likely duplicate (this lead kept by default). */
export function LeadDuplicatesAlert({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const canWrite = useCan('leads:write');
  const canDelete = useCan('leads:delete');
  const duplicates = useLeadDuplicates(lead.id, lead.deletedAt === null);
  const [merging, setMerging] = useState<[string, string] | null>(null);
  const items = duplicates.data ?? [];
  const [first] = items;
  if (!first) return null;

  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="lead-duplicates-alert"
        title={
          items.length === 1
            ? t('duplicates.alert.one', { name: first.lead.name })
            : t('duplicates.alert.many', { count: items.length })
        }
        description={
          <Flex vertical gap={6}>
            {items.slice(0, SHOWN).map(({ lead: other, reasons }) => (
              <Flex key={other.id} gap={8} align="center" wrap>
                <Link to={`/leads/${other.id}`}>{other.name}</Link>
                <DuplicateReasonTags reasons={reasons} />
                {canWrite && canDelete && (
                  <Button size="small" onClick={() => setMerging([lead.id, other.id])} data-testid="lead-merge">
                    {t('duplicates.merge')}
                  </Button>
                )}
              </Flex>
            ))}
            {items.length > SHOWN && <Link to="/leads/duplicates">{t('duplicates.alert.viewAll')}</Link>}
          </Flex>
        }
      />
      <MergeLeadsModal leadIds={merging} onClose={() => setMerging(null)} />
    </>
  );
}
