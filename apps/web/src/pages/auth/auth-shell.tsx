import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';

/** The centred card the signed-out pages (login, invitation) share. */
export function AuthShell({
  title,
  subtitle,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-topbar">
        <LanguageSwitch />
      </div>
      <Card className="auth-card" variant="borderless">
        <Brand />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
      <Typography.Text type="secondary" className="auth-footer">
        {t('app.footer', { year: new Date().getFullYear() })}
      </Typography.Text>
    </div>
  );
}
