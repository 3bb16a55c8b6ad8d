import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Actions on the right. */
  extra?: ReactNode;
  /** Shows a back arrow linking here. */
  backTo?: string;
  /** Content next to the title (tags, badges). */
  tags?: ReactNode;
  titleTestId?: string;
}

export function PageHeader({ title, subtitle, extra, backTo, tags, titleTestId }: PageHeaderProps) {
  const { t } = useTranslation();
  return (
    <div className="page-header">
      <div>
        <Flex align="center" gap={8} wrap>
          {backTo && (
            <Link to={backTo} aria-label={t('common.back')}>
              <Button type="text" size="small" icon={<ArrowLeftOutlined />} />
            </Link>
          )}
          <Typography.Title level={4} data-testid={titleTestId}>
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {subtitle && (
          <Typography.Text type="secondary" className="page-header-subtitle">
            {subtitle}
          </Typography.Text>
        )}
      </div>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </div>
  );
}
