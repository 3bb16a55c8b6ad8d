import { DownOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The lead pool's "Import" button, with the import history one click away. */
export function ImportButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Space.Compact>
      <Button icon={<UploadOutlined />} onClick={() => void navigate('/leads/import')} data-testid="leads-import">
        {t('imports.button')}
      </Button>
      <Dropdown
        menu={{
          items: [{ key: 'history', label: t('imports.history') }],
          onClick: () => void navigate('/leads/imports'),
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('imports.history')} />
      </Dropdown>
    </Space.Compact>
  );
}
