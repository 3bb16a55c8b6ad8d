import type { Workspace } from '@kindling/contracts/workspaces';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateWorkspace } from '../api/use-workspace';
import { FormModal } from '../components/form-modal';
import { timeZoneOptions } from '../time/time-zones';

interface CreateWorkspaceValues {
  name: string;
  timeZone: string;
}

export function CreateWorkspaceModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (workspace: Workspace) => void;
}) {
  const { t } = useTranslation();
  const createWorkspace = useCreateWorkspace();
  const submit = async (values: CreateWorkspaceValues) => {
    const workspace = await createWorkspace.mutateAsync({ name: values.name.trim(), timeZone: values.timeZone });
    onCreated(workspace);
  };
  return (
    <FormModal<CreateWorkspaceValues>
      open={open}
      title={t('workspaces.create.title')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={{ timeZone: 'Asia/Shanghai' }}
      submitText={t('workspaces.create.submit')}
    >
      <Form.Item
        name="name"
        label={t('workspaces.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
      >
        <Input autoFocus placeholder={t('workspaces.create.namePlaceholder')} maxLength={100} />
      </Form.Item>
      <Form.Item name="timeZone" label={t('workspaces.fields.timeZone')} rules={[{ required: true }]}>
        <Select showSearch options={timeZoneOptions()} />
      </Form.Item>
    </FormModal>
  );
}
