import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorMessage, type ErrorMessageOverrides } from '../../errors/error-message';

interface InlineEditProps<T> {
  /** The stored value; editing starts from it. */
  value: T;
  /** How the value reads when not editing. */
  display: ReactNode;
  canEdit: boolean;
  /** The input; `save` lets it save on Enter. */
  editor: (draft: T, setDraft: (next: T) => void, save: () => void) => ReactNode;
  /** Resolve to close the editor; throw to keep it open with the error under it. */
  onSave: (value: T) => Promise<unknown>;
  errorOverrides?: ErrorMessageOverrides;
  testId?: string;
}

/**
 * A value with a pencil: click it, change the value in place, save with ✓ (or Enter) or cancel with ✕. The
 * server's field message shows under the input when it refuses the value.
 */
export function InlineEdit<T>({ value, display, canEdit, editor, onSave, errorOverrides, testId }: InlineEditProps<T>) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [draft, setDraft] = useState<T>(value);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = () => {
    setDraft(value);
    setError(null);
    setEditing(true);
  };
  const save = () => {
    setSaving(true);
    onSave(draft)
      .then(() => setEditing(false))
      .catch((failure: unknown) => {
        const detail = isApiError(failure) && failure.status === 400 ? failure.details[0]?.message : undefined;
        setError(detail ?? describe(failure, errorOverrides));
      })
      .finally(() => setSaving(false));
  };

  if (!editing) {
    return (
      <Flex align="center" gap={4} wrap data-testid={testId}>
        {display}
        {canEdit && (
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            aria-label={t('common.edit')}
            onClick={start}
            data-testid={testId && `${testId}-edit`}
          />
        )}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4} style={{ width: '100%' }} data-testid={testId}>
      <Flex align="center" gap={4}>
        <div style={{ flex: 1, minWidth: 0 }}>{editor(draft, setDraft, save)}</div>
        <Button
          type="text"
          size="small"
          icon={<CheckOutlined />}
          aria-label={t('common.save')}
          loading={saving}
          onClick={save}
          data-testid={testId && `${testId}-save`}
        />
        <Button
          type="text"
          size="small"
          icon={<CloseOutlined />}
          aria-label={t('common.cancel')}
          disabled={saving}
          onClick={() => setEditing(false)}
        />
      </Flex>
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
    </Flex>
  );
}
