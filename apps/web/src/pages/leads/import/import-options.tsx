import {
  DEDUPE_KEYS,
  DEDUPE_MODES,
  IMPORT_COMPANY_MODES,
  type DedupeKey,
  type DedupeMode,
  type ImportCompanies,
} from '@kindling/contracts/imports';
import type { LeadSource } from '@kindling/contracts/leads';
import { Card, Checkbox, Flex, Form, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LeadSourceSelect } from '../lead-source-select';
import { OwnerSelect } from '../owner-select';

/** Which fields make two leads the same, and what a row that matches an existing lead does. */
export function DuplicateOptions(props: {
  keys: DedupeKey[];
  onKeysChange: (keys: DedupeKey[]) => void;
  mode: DedupeMode;
  onModeChange: (mode: DedupeMode) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('imports.mapping.duplicates')}>
      <Form layout="vertical">
        <Form.Item label={t('imports.mapping.keysLabel')}>
          <Checkbox.Group<DedupeKey>
            value={props.keys}
            onChange={props.onKeysChange}
            options={DEDUPE_KEYS.map((key) => ({ value: key, label: t(`imports.mapping.keys.${key}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('imports.mapping.modeLabel')} style={{ marginBottom: 0 }}>
          <Radio.Group value={props.mode} onChange={(event) => props.onModeChange(event.target.value as DedupeMode)}>
            <Flex vertical gap={8}>
              {DEDUPE_MODES.map((mode) => (
                <Radio key={mode} value={mode} data-testid={`import-mode-${mode}`}>
                  {t(`imports.mapping.modes.${mode}`)}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {t(`imports.mapping.modeHints.${mode}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** Owner and source of the leads the import creates (a column mapped to the field wins). */
export function NewLeadOptions(props: {
  ownerId: string | undefined;
  onOwnerChange: (ownerId: string | undefined) => void;
  ownerError: string | undefined;
  source: LeadSource;
  onSourceChange: (source: LeadSource) => void;
  companies: ImportCompanies;
  onCompaniesChange: (companies: ImportCompanies) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('imports.mapping.newLeads')}>
      <Form layout="inline">
        <Form.Item
          label={t('imports.mapping.owner')}
          validateStatus={props.ownerError ? 'error' : undefined}
          help={props.ownerError}
          tooltip={t('imports.mapping.mappedOverride')}
        >
          <OwnerSelect
            value={props.ownerId}
            onChange={(value) => props.onOwnerChange(value)}
            placeholder={t('imports.mapping.ownerPlaceholder')}
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item label={t('imports.mapping.source')} tooltip={t('imports.mapping.mappedOverride')}>
          <LeadSourceSelect value={props.source} onChange={props.onSourceChange} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={t('imports.mapping.companies')} tooltip={t('imports.mapping.companiesHint')}>
          <Select<ImportCompanies>
            value={props.companies}
            onChange={props.onCompaniesChange}
            options={IMPORT_COMPANY_MODES.map((mode) => ({
              value: mode,
              label: t(`imports.mapping.companyModes.${mode}`),
            }))}
            style={{ width: 220 }}
            data-testid="import-companies"
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
