import { Button, Flex, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddNote } from '../../api/use-activities';
import { useNotifyError } from '../../errors/use-notify-error';

const MAX_NOTE = 5000;

export function AddNoteForm({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const addNote = useAddNote(leadId);
  const [body, setBody] = useState('');
  const trimmed = body.trim();

  const submit = () => {
    if (!trimmed) return;
    addNote.mutate(trimmed, { onSuccess: () => setBody(''), onError: (error) => notifyError(error) });
  };

  return (
    <Flex vertical gap={28} style={{ marginBottom: 24 }}>
      <Input.TextArea
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit();
        }}
        placeholder={t('activities.note.placeholder')}
        autoSize={{ minRows: 2, maxRows: 8 }}
        maxLength={MAX_NOTE}
        showCount
        data-testid="lead-note-input"
      />
      <Flex justify="flex-end">
        <Button
          type="primary"
          onClick={submit}
          disabled={!trimmed}
          loading={addNote.isPending}
          data-testid="lead-note-submit"
        >
          {t('activities.note.submit')}
        </Button>
      </Flex>
    </Flex>
  );
}
