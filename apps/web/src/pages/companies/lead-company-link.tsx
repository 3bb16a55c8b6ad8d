import type { Lead } from '@kindling/contracts/leads';
import { Typography } from 'antd';
import { Link } from 'react-router';

/**
 * A lead's company as the lists and the profile show it: the name as typed (or the company's), linking to the
 * company when the lead is linked to one.
 */
export function LeadCompanyLink({ lead }: { lead: Pick<Lead, 'companyName' | 'company'> }) {
  const text = lead.companyName || lead.company?.name;
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!lead.company) return <>{text}</>;
  return (
    <Link to={`/companies/${lead.company.id}`} title={lead.company.name} data-testid="lead-company-link">
      {text}
    </Link>
  );
}
