import { InboxOutlined } from '@ant-design/icons';
import {
  IMPORT_FILE_PROBLEMS,
  IMPORT_MAX_BYTES,
  type ImportFileProblem,
  type LeadImportUpload,
} from '@kindling/contracts/imports';
import { Alert, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { uploadLeadFile } from '../../../api/use-imports';
import { useErrorMessage } from '../../../errors/error-message';

const PROBLEMS = Object.entries(IMPORT_FILE_PROBLEMS) as [ImportFileProblem, string][];

/** Which of the known file problems the server named, if any. */
function fileProblemOf(error: unknown): ImportFileProblem | undefined {
  if (!isApiError(error)) return undefined;
  const messages = new Set(error.details.map((detail) => detail.message));
  return PROBLEMS.find(([, message]) => messages.has(message))?.[0];
}

/** Step 1: drop a .xlsx or .csv; the server reads its header and first rows and suggests a mapping. */
export function UploadStep({ onUploaded }: { onUploaded: (upload: LeadImportUpload) => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (file.size > IMPORT_MAX_BYTES) {
      setError(t('imports.upload.tooLarge'));
      return;
    }
    setPercent(0);
    try {
      onUploaded(await uploadLeadFile(file, setPercent));
    } catch (cause) {
      const problem = fileProblemOf(cause);
      setError(
        problem
          ? t(`imports.fileProblems.${problem}`)
          : describe(cause, { payload_too_large: t('imports.upload.tooLarge') }),
      );
    } finally {
      setPercent(null);
    }
  };

  return (
    <>
      <Upload.Dragger
        accept=".csv,.xlsx,.txt,.tsv"
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        customRequest={({ file }) => {
          if (file instanceof File) void upload(file);
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          {t('imports.upload.drag')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('imports.upload.hint')}
        </Typography.Paragraph>
      </Upload.Dragger>
      {percent !== null && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('imports.upload.reading')}</Typography.Text>
          <Progress percent={percent} status="active" />
        </div>
      )}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="import-upload-error" />
      )}
    </>
  );
}
