import { RocketOutlined } from '@ant-design/icons';
import { Button, Card, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { BRAND_ORANGE } from '../../theme';
import { NAV_SECTIONS, type NavItemKey } from '../../navigation/nav-config';

/** Placeholder for a product area that is planned but not built yet: says what it will do. */
export function ComingSoonPage({ itemKey }: { itemKey: NavItemKey }) {
  const { t } = useTranslation();
  const title = t(`nav.items.${itemKey}.title`);
  useDocumentTitle(title);
  const section = NAV_SECTIONS.find((candidate) => candidate.items.some((item) => item.key === itemKey));
  return (
    <Card variant="borderless">
      <Result
        icon={<RocketOutlined style={{ color: BRAND_ORANGE }} />}
        title={
          <>
            {title} <Tag color="orange">{t('comingSoon.badge')}</Tag>
          </>
        }
        subTitle={t(`nav.items.${itemKey}.description`)}
        extra={
          <>
            <div style={{ marginBottom: 16, color: 'rgba(0,0,0,0.45)' }}>
              {section && t('comingSoon.inSection', { section: t(`nav.sections.${section.key}`) })}
            </div>
            <Link to="/leads">
              <Button type="primary">{t('comingSoon.backToLeads')}</Button>
            </Link>
          </>
        }
      />
    </Card>
  );
}
