import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';

export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.items.account.title'));
  return (
    <>
      <PageHeader title={t('nav.items.account.title')} subtitle={t('nav.items.account.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileForm />
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordForm />
        </Col>
      </Row>
    </>
  );
}
