import type { FieldDefinition } from '@kindling/contracts/fields';
import {
  DEDUPE_KEYS,
  IDENTITY_LEAD_KEYS,
  IMPORTED_LEAD_KEYS,
  type DedupeKey,
  type DedupeMode,
  type ImportCompanies,
  type ImportMapping,
} from '@kindling/contracts/imports';
import type { LeadSource } from '@kindling/contracts/leads';
import { Alert, Button, Flex, Form, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useFieldCatalog } from '../../../api/use-fields';
import { useStartLeadImport } from '../../../api/use-imports';
import { useNotifyError } from '../../../errors/use-notify-error';
import { useLanguage } from '../../../i18n/use-language';
import { localized } from '../custom-fields';
import { DuplicateOptions, NewLeadOptions } from './import-options';

/** What the mapping step needs to know about the uploaded file. */
export interface MappingInput {
  importId: string;
  fileName: string;
  encoding: string | null;
  headers: string[];
  /** The first data rows (empty when the page was reloaded after the upload). */
  preview: string[][];
  suggestedMapping: ImportMapping;
}

const IMPORTED: readonly string[] = IMPORTED_LEAD_KEYS;

interface ColumnRow {
  index: number;
  header: string;
  samples: string[];
}

/** Built-in fields the import writes and custom fields that are not archived, in catalogue order. */
function importableFields(catalog: FieldDefinition[] | undefined) {
  const fields = catalog ?? [];
  return {
    builtIn: fields.filter((field) => field.builtIn && IMPORTED.includes(field.key)),
    custom: fields.filter((field) => !field.builtIn && !field.archived),
  };
}

/** Step 2: every column of the file with sample values and the field it goes to, plus the duplicate rules. */
export function MappingStep({
  input,
  onStarted,
  onReupload,
}: {
  input: MappingInput;
  onStarted: () => void;
  onReupload: () => void;
}) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const notifyError = useNotifyError();
  const catalog = useFieldCatalog();
  const start = useStartLeadImport();
  const [mapping, setMapping] = useState<ImportMapping>(input.suggestedMapping);
  const [dedupeKeys, setDedupeKeys] = useState<DedupeKey[]>([...DEDUPE_KEYS]);
  const [dedupeMode, setDedupeMode] = useState<DedupeMode>('update_empty');
  const [ownerId, setOwnerId] = useState<string | undefined>(undefined);
  const [source, setSource] = useState<LeadSource>('import');
  const [companies, setCompanies] = useState<ImportCompanies>('create');
  const [columnErrors, setColumnErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<{ general?: string; owner?: string }>({});

  const { builtIn, custom } = useMemo(() => importableFields(catalog.data), [catalog.data]);
  const used = new Set(Object.values(mapping));
  const hasIdentity = IDENTITY_LEAD_KEYS.some((key) => used.has(key));
  const unmatched = input.headers.length - Object.keys(mapping).length;

  const optionsFor = (column: string) => {
    const mine = mapping[column];
    const option = (field: FieldDefinition) => ({
      value: field.key,
      label: localized(field.label, language),
      disabled: used.has(field.key) && field.key !== mine,
    });
    return [
      { value: '', label: t('imports.mapping.doNotImport') },
      { label: t('imports.mapping.builtIn'), title: 'builtIn', options: builtIn.map(option) },
      ...(custom.length > 0
        ? [{ label: t('imports.mapping.custom'), title: 'custom', options: custom.map(option) }]
        : []),
    ];
  };

  const choose = (column: string, key: string) => {
    setMapping((current) => {
      const { [column]: _previous, ...rest } = current;
      return key === '' ? rest : { ...rest, [column]: key };
    });
    setColumnErrors(({ [column]: _cleared, ...rest }) => rest);
  };

  const onStart = () => {
    setColumnErrors({});
    setFormErrors({});
    start.mutate(
      {
        id: input.importId,
        body: {
          mapping,
          dedupeKeys,
          dedupeMode,
          ownerId: ownerId ?? null,
          source,
          companies,
          reportLanguage: language,
        },
      },
      {
        onSuccess: () => onStarted(),
        onError: (error) => {
          if (!isApiError(error) || error.code !== 'validation_failed') return notifyError(error);
          const byColumn: Record<string, string> = {};
          const found: { general?: string; owner?: string } = { general: t('imports.mapping.invalid') };
          for (const detail of error.details) {
            const column = /^body\.mapping\.(\d+)$/.exec(detail.path)?.[1];
            if (column !== undefined) byColumn[column] = detail.message;
            else if (detail.path === 'body.ownerId') found.owner = detail.message;
            else if (detail.path === 'body.mapping') found.general = t('imports.mapping.needIdentity');
          }
          setColumnErrors(byColumn);
          setFormErrors(found);
        },
      },
    );
  };

  const rows: ColumnRow[] = input.headers.map((header, index) => ({
    index,
    header,
    samples: input.preview
      .map((row) => row[index] ?? '')
      .filter((value) => value.trim() !== '')
      .slice(0, 3),
  }));

  const columns: TableColumnsType<ColumnRow> = [
    {
      title: t('imports.mapping.column'),
      dataIndex: 'header',
      key: 'header',
      width: 220,
      render: (header: string) => <Typography.Text strong>{header}</Typography.Text>,
    },
    {
      title: t('imports.mapping.sample'),
      key: 'samples',
      ellipsis: true,
      render: (_value, row) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: row.samples.join(' / ') }}>
          {row.samples.length > 0 ? row.samples.join(' / ') : '—'}
        </Typography.Text>
      ),
    },
    {
      title: t('imports.mapping.field'),
      key: 'field',
      width: 280,
      render: (_value, row) => {
        const column = String(row.index);
        const error = columnErrors[column];
        return (
          <Form.Item validateStatus={error ? 'error' : undefined} help={error} style={{ margin: 0 }}>
            <Select
              value={mapping[column] ?? ''}
              onChange={(key: string) => choose(column, key)}
              options={optionsFor(column)}
              showSearch={{ optionFilterProp: 'label' }}
              loading={catalog.isPending}
              style={{ width: '100%' }}
              data-testid={`import-map-${row.index}`}
            />
          </Form.Item>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size={16} wrap>
          <Typography.Text strong>
            {t('imports.mapping.file', { fileName: input.fileName, columns: input.headers.length })}
          </Typography.Text>
          {input.encoding && (
            <Typography.Text type="secondary">
              {t('imports.mapping.encoding', { encoding: input.encoding })}
            </Typography.Text>
          )}
        </Space>
        <Button onClick={onReupload}>{t('imports.mapping.reupload')}</Button>
      </Flex>
      <Table<ColumnRow>
        rowKey="index"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 480 }}
        data-testid="import-mapping"
      />
      {!hasIdentity && <Alert type="warning" showIcon title={t('imports.mapping.needIdentity')} />}
      {hasIdentity && unmatched > 0 && (
        <Typography.Text type="secondary">{t('imports.mapping.unmatched', { count: unmatched })}</Typography.Text>
      )}
      <DuplicateOptions keys={dedupeKeys} onKeysChange={setDedupeKeys} mode={dedupeMode} onModeChange={setDedupeMode} />
      <NewLeadOptions
        ownerId={ownerId}
        onOwnerChange={setOwnerId}
        ownerError={formErrors.owner}
        source={source}
        onSourceChange={setSource}
        companies={companies}
        onCompaniesChange={setCompanies}
      />
      {formErrors.general && <Alert type="error" showIcon title={formErrors.general} />}
      <Flex justify="flex-end">
        <Button
          type="primary"
          size="large"
          disabled={!hasIdentity}
          loading={start.isPending}
          onClick={onStart}
          data-testid="import-start"
        >
          {t('imports.mapping.start')}
        </Button>
      </Flex>
    </Flex>
  );
}
