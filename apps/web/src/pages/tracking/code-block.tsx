import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Code to paste somewhere else: shown verbatim (as text, never as HTML) with a copy button. */
export function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        position: 'relative',
        background: '#fafafb',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '12px 96px 12px 12px',
      }}
    >
      {/* Its own text colour: inside a step's description the inherited one is the faded secondary. */}
      <pre className="mono pre-wrap" style={{ margin: 0, color: 'rgba(0, 0, 0, 0.88)' }} data-testid={testId}>
        {code}
      </pre>
      <Typography.Text
        style={{ position: 'absolute', top: 8, right: 12 }}
        copyable={{
          text: code,
          tooltips: false,
          icon: [
            <span key="copy" data-testid={testId && `${testId}-copy`}>
              <CopyOutlined /> {t('tracking.install.copy')}
            </span>,
            <span key="copied">
              <CheckOutlined /> {t('common.copied')}
            </span>,
          ],
        }}
      />
    </div>
  );
}
