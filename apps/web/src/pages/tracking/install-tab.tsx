import { DownloadOutlined } from '@ant-design/icons';
import type { TrackingSite, TrackingSnippet } from '@kindling/contracts/tracking';
import { Alert, Button, Card, Collapse, Flex, Skeleton, Steps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTrackingSnippet } from '../../api/use-tracking';
import { QueryErrorResult } from '../../components/query-error-result';
import { CodeBlock } from './code-block';
import type { SiteTab } from './site-detail-params';

const API_EXAMPLES = `// 自定义事件 · custom event
kindling.track('download_whitepaper', { asset: 'ai-marketing-2025' });

// 识别访客（如登录或留资后）· identify the visitor
kindling.identify({ email: 'name@company.com', name: '张三', company: 'ACME' });

// 需用户同意后才追踪时，在用户同意后调用 · after the visitor consents
kindling.consent();`;

/** The origin tracking requests go to (the mini-program's request legal domain). */
function serverOrigin(snippet: TrackingSnippet): string {
  try {
    return new URL(snippet.scriptUrl).origin;
  } catch {
    return window.location.origin;
  }
}

interface InstallTabProps {
  site: TrackingSite;
  onGo: (tab: SiteTab) => void;
}

/** 安装代码: the snippet to paste, step by step, for a web site or a mini-program. */
export function InstallTab({ site, onGo }: InstallTabProps) {
  const { t } = useTranslation();
  const snippet = useTrackingSnippet(site.id);
  if (snippet.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!snippet.data) return <QueryErrorResult error={snippet.error} onRetry={() => void snippet.refetch()} />;

  const web = <WebInstall site={site} snippet={snippet.data} onGo={onGo} />;
  const miniProgram = <MiniProgramInstall snippet={snippet.data} onGo={onGo} />;
  const other = site.kind === 'web' ? miniProgram : web;
  return (
    <Flex vertical gap={16}>
      {site.archivedAt && <Alert type="warning" showIcon title={t('tracking.install.archived')} />}
      <Card variant="borderless">{site.kind === 'web' ? web : miniProgram}</Card>
      <Card variant="borderless" title={t('tracking.install.apiTitle')}>
        <Typography.Paragraph type="secondary">{t('tracking.install.apiIntro')}</Typography.Paragraph>
        <CodeBlock code={API_EXAMPLES} testId="install-api-examples" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('tracking.install.emailLinks')}
        </Typography.Paragraph>
      </Card>
      <Collapse
        items={[
          {
            key: 'other',
            label: site.kind === 'web' ? t('tracking.install.alsoMiniProgram') : t('tracking.install.alsoWeb'),
            children: other,
          },
        ]}
      />
    </Flex>
  );
}

function VerifyStep({ onGo }: { onGo: (tab: SiteTab) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('tracking.install.verifyHint')}</Typography.Paragraph>
      <Button type="primary" onClick={() => onGo('verify')} data-testid="install-go-verify">
        {t('tracking.tabs.verify')}
      </Button>
    </>
  );
}

function InstallSteps({ items }: { items: { title: string; content: ReactNode }[] }) {
  return (
    <Steps
      orientation="vertical"
      current={-1}
      items={items.map(({ title, content }) => ({ title, content, status: 'process' as const }))}
    />
  );
}

function WebInstall({
  site,
  snippet,
  onGo,
}: {
  site: TrackingSite;
  snippet: TrackingSnippet;
  onGo: (tab: SiteTab) => void;
}) {
  const { t } = useTranslation();
  return (
    <InstallSteps
      items={[
        {
          title: t('tracking.install.web.pasteTitle'),
          content: (
            <>
              <Typography.Paragraph type="secondary">{t('tracking.install.web.pasteHint')}</Typography.Paragraph>
              <CodeBlock code={snippet.html} testId="install-snippet" />
            </>
          ),
        },
        {
          title: t('tracking.install.web.domainsTitle'),
          content:
            site.domains.length > 0 ? (
              <Flex vertical gap={8} align="flex-start">
                <Typography.Text type="secondary">{t('tracking.install.web.domainsHint')}</Typography.Text>
                <Flex wrap gap={4}>
                  {site.domains.map((domain) => (
                    <Tag key={domain} className="mono">
                      {domain}
                    </Tag>
                  ))}
                </Flex>
                <Button size="small" onClick={() => onGo('settings')}>
                  {t('tracking.install.web.editDomains')}
                </Button>
              </Flex>
            ) : (
              <Alert
                type="warning"
                showIcon
                title={t('tracking.install.web.noDomains')}
                action={
                  <Button size="small" onClick={() => onGo('settings')}>
                    {t('tracking.install.web.editDomains')}
                  </Button>
                }
              />
            ),
        },
        { title: t('tracking.install.verifyTitle'), content: <VerifyStep onGo={onGo} /> },
      ]}
    />
  );
}

function MiniProgramInstall({ snippet, onGo }: { snippet: TrackingSnippet; onGo: (tab: SiteTab) => void }) {
  const { t } = useTranslation();
  const origin = serverOrigin(snippet);
  return (
    <InstallSteps
      items={[
        {
          title: t('tracking.install.mp.downloadTitle'),
          content: (
            <>
              <Typography.Paragraph type="secondary">{t('tracking.install.mp.downloadHint')}</Typography.Paragraph>
              <Button icon={<DownloadOutlined />} href={`${origin}/t/kindling-mp.js`} download="kindling-mp.js">
                kindling-mp.js
              </Button>
            </>
          ),
        },
        {
          title: t('tracking.install.mp.domainTitle'),
          content: (
            <Typography.Paragraph type="secondary">
              {t('tracking.install.mp.domainHint')}{' '}
              <Typography.Text code copyable>
                {origin}
              </Typography.Text>
            </Typography.Paragraph>
          ),
        },
        {
          title: t('tracking.install.mp.initTitle'),
          content: (
            <>
              <Typography.Paragraph type="secondary">{t('tracking.install.mp.initHint')}</Typography.Paragraph>
              <CodeBlock code={snippet.miniProgram} testId="install-mini-program" />
            </>
          ),
        },
        { title: t('tracking.install.verifyTitle'), content: <VerifyStep onGo={onGo} /> },
      ]}
    />
  );
}
