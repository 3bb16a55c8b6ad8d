import type { DuplicateLead } from '@kindling/contracts/duplicates';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DateTime } from '../../components/date-time';
import type { LeadLinkState } from '../leads/lead-list-params';

/** One lead of a pair: its name (linking to its page) and what identifies it. */
export function DuplicateLeadCell({ lead }: { lead: DuplicateLead }) {
  const { t } = useTranslation();
  const location = useLocation();
  // The lead page's back arrow returns here.
  const linkState: LeadLinkState = { listUrl: `${location.pathname}${location.search}` };
  const contact = [lead.email, lead.phone].filter(Boolean).join(' · ');
  const organisation = [lead.company, lead.owner?.name].filter(Boolean).join(' · ');
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Link to={`/leads/${lead.id}`} state={linkState}>
        {lead.name}
      </Link>
      {contact && (
        <Typography.Text type="secondary" ellipsis={{ tooltip: contact }} style={{ fontSize: 12 }}>
          {contact}
        </Typography.Text>
      )}
      {organisation && (
        <Typography.Text type="secondary" ellipsis={{ tooltip: organisation }} style={{ fontSize: 12 }}>
          {organisation}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('duplicates.createdAt')} <DateTime value={lead.createdAt} />
      </Typography.Text>
    </Flex>
  );
}
