import { ArrowDownOutlined, ArrowUpOutlined, InsertRowRightOutlined } from '@ant-design/icons';
import type { FieldDefinition } from '@kindling/contracts/fields';
import { DEFAULT_LEAD_COLUMNS, MAX_LEAD_COLUMNS } from '@kindling/contracts/preferences';
import { App, Button, Checkbox, Divider, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveLeadColumns } from '../../api/use-preferences';
import { useNotifyError } from '../../errors/use-notify-error';
import { useLanguage } from '../../i18n/use-language';
import { localized } from './custom-fields';
import { columnChoices } from './use-lead-columns';

interface Props {
  /** The columns shown now (field catalogue keys, in order). */
  columns: readonly string[];
  fields: FieldDefinition[] | undefined;
}

/** "Columns": choose and order the lead list's columns; saved for the signed-in user. Name is always first. */
export function LeadColumnsButton({ columns, fields }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const saveColumns = useSaveLeadColumns();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<string[]>([]);

  const choices = columnChoices(fields).filter((field) => field.key !== 'name');
  const byKey = new Map(choices.map((field) => [field.key, field]));
  const available = (keys: readonly string[]) => keys.filter((key) => key !== 'name' && byKey.has(key));
  const full = draft.length + 1 >= MAX_LEAD_COLUMNS;

  const onOpenChange = (next: boolean) => {
    if (next) setDraft(available(columns));
    setOpen(next);
  };
  const move = (index: number, delta: -1 | 1) =>
    setDraft((keys) => {
      const next = [...keys];
      const [key] = next.splice(index, 1);
      if (key !== undefined) next.splice(index + delta, 0, key);
      return next;
    });
  const save = () =>
    saveColumns.mutate(['name', ...draft], {
      onSuccess: () => {
        void message.success(t('leads.columns.saved'));
        setOpen(false);
      },
      onError: (error) => notifyError(error),
    });

  const label = (field: FieldDefinition) => localized(field.label, language);
  const content = (
    <div style={{ width: 300 }} data-testid="lead-columns-panel">
      <Typography.Text type="secondary">{t('leads.columns.hint', { max: MAX_LEAD_COLUMNS })}</Typography.Text>
      <div style={{ maxHeight: 360, overflowY: 'auto', marginTop: 8 }}>
        <Flex justify="space-between" align="center" style={{ minHeight: 32 }}>
          <Checkbox checked disabled>
            {t('leads.fields.name')}
          </Checkbox>
          <Typography.Text type="secondary">{t('leads.columns.fixed')}</Typography.Text>
        </Flex>
        {draft.map((key, index) => {
          const field = byKey.get(key);
          if (!field) return null;
          return (
            <Flex key={key} justify="space-between" align="center" style={{ minHeight: 32 }}>
              <Checkbox
                checked
                onChange={() => setDraft((keys) => keys.filter((k) => k !== key))}
                data-testid={`lead-columns-${key}`}
              >
                {label(field)}
              </Checkbox>
              <span>
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('leads.columns.moveUp')}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                />
                <Button
                  type="text"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('leads.columns.moveDown')}
                  disabled={index === draft.length - 1}
                  onClick={() => move(index, 1)}
                />
              </span>
            </Flex>
          );
        })}
        <Divider size="small" />
        {choices
          .filter((field) => !draft.includes(field.key))
          .map((field) => (
            <Flex key={field.key} align="center" style={{ minHeight: 32 }}>
              <Checkbox
                checked={false}
                disabled={full}
                onChange={() => setDraft((keys) => [...keys, field.key])}
                data-testid={`lead-columns-${field.key}`}
              >
                {label(field)}
              </Checkbox>
            </Flex>
          ))}
      </div>
      <Flex justify="space-between" style={{ marginTop: 12 }}>
        <Button size="small" onClick={() => setDraft(available(DEFAULT_LEAD_COLUMNS))}>
          {t('leads.columns.reset')}
        </Button>
        <Flex gap={8}>
          <Button size="small" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            size="small"
            type="primary"
            loading={saveColumns.isPending}
            onClick={save}
            data-testid="lead-columns-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={onOpenChange}
      trigger="click"
      placement="bottomRight"
      title={t('leads.columns.title')}
      content={content}
    >
      <Button icon={<InsertRowRightOutlined />} disabled={!fields} data-testid="lead-columns-open">
        {t('leads.columns.button')}
      </Button>
    </Popover>
  );
}
