import { HistoryOutlined } from '@ant-design/icons';
import type { LeadImportUpload } from '@kindling/contracts/imports';
import { Button, Card, Spin, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLeadImport } from '../../../api/use-imports';
import { PageHeader } from '../../../components/page-header';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { ImportResult } from './import-result';
import { MappingStep, type MappingInput } from './mapping-step';
import { UploadStep } from './upload-step';

const mappingInputOf = (upload: LeadImportUpload): MappingInput => ({
  importId: upload.import.id,
  fileName: upload.import.fileName,
  encoding: upload.encoding,
  headers: upload.headers,
  preview: upload.preview,
  suggestedMapping: upload.suggestedMapping,
});

/**
 * 潜客 → 导入: upload a file, match its columns to fields and choose what happens to duplicates, then follow the
 * import to its result. The import's id is in the URL (?id=), so a reload or a link from the history comes back
 * to the right step.
 */
export function LeadImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('imports.title'));
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [upload, setUpload] = useState<LeadImportUpload | null>(null);
  const current = useLeadImport(upload ? null : id);

  const restart = () => {
    setUpload(null);
    setParams({});
  };

  let step = 0;
  let body = (
    <UploadStep
      onUploaded={(uploaded) => {
        setUpload(uploaded);
        setParams({ id: uploaded.import.id });
      }}
    />
  );
  if (id && upload?.import.id === id) {
    step = 1;
    body = <MappingStep input={mappingInputOf(upload)} onStarted={() => setUpload(null)} onReupload={restart} />;
  } else if (id && current.data?.status === 'uploaded') {
    // Back after a reload: the first rows are not kept, the columns are.
    const { data } = current;
    step = 1;
    body = (
      <MappingStep
        input={{
          importId: data.id,
          fileName: data.fileName,
          encoding: data.encoding,
          headers: data.headers,
          preview: [],
          suggestedMapping: data.mapping ?? {},
        }}
        onStarted={() => void current.refetch()}
        onReupload={restart}
      />
    );
  } else if (id && current.isPending) {
    body = <Spin style={{ display: 'block', padding: 48 }} />;
  } else if (id) {
    step = 2;
    body = <ImportResult id={id} onAgain={restart} />;
  }

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        backTo="/leads"
        extra={
          <Link to="/leads/imports">
            <Button icon={<HistoryOutlined />}>{t('imports.history')}</Button>
          </Link>
        }
      />
      <Card variant="borderless">
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('imports.steps.upload') },
            { title: t('imports.steps.mapping') },
            { title: t('imports.steps.result') },
          ]}
        />
        {body}
      </Card>
    </>
  );
}
