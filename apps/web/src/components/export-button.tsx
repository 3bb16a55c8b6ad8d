import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import type { ExportFormat } from '@kindling/contracts/leads';
import { Button, Dropdown } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ExportButtonProps {
  onExport: (format: ExportFormat) => void;
  loading?: boolean;
  children: ReactNode;
  'data-testid'?: string;
}

/** "Export" with a choice of file: CSV or Excel. */
export function ExportButton({ onExport, loading, children, 'data-testid': testId }: ExportButtonProps) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', icon: <FileExcelOutlined />, label: t('exportFile.xlsx') },
          { key: 'csv', icon: <FileTextOutlined />, label: t('exportFile.csv') },
        ],
        onClick: ({ key }) => onExport(key === 'xlsx' ? 'xlsx' : 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={loading} data-testid={testId}>
        {children}
      </Button>
    </Dropdown>
  );
}
