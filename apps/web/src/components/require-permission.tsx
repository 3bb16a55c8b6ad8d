import type { Permission } from '@kindling/contracts/permissions';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../session/session-context';

/** Renders children only for roles with `permission`; others get a polite 403. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useCan(permission);
  if (allowed) return <>{children}</>;
  return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
}
