import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Timeline body of a `lead_imported` activity: which file (and row) the lead came from. */
export function ImportedFrom({ properties }: { properties: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { fileName, row } = properties;
  if (typeof fileName !== 'string') return null;
  return (
    <Typography.Text type="secondary">
      {typeof row === 'number'
        ? t('imports.timeline.fromRow', { fileName, row })
        : t('imports.timeline.from', { fileName })}
    </Typography.Text>
  );
}
