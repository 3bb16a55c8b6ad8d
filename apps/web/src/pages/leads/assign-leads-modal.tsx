import type { AssignmentResult } from '@kindling/contracts/assignment';
import type { BulkTarget } from '@kindling/contracts/bulk';
import { Form, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssignLeads, useAssignRoundRobin } from '../../api/use-assignment';
import { useMembers } from '../../api/use-members';
import type { BulkOutcome } from '../../api/use-bulk';
import { useNotifyError } from '../../errors/use-notify-error';
import { useReportBulkOutcome } from './use-bulk-outcome';

type Mode = 'owner' | 'roundRobin' | 'pool';

interface Values {
  mode: Mode;
  ownerId?: string;
  userIds?: string[];
}

/**
 * Hand the chosen leads (or all matching the list's filter) to one person, share them round-robin, or return them
 * to the public pool (公海).
 */
export function AssignLeadsModal({
  target,
  count,
  open,
  onClose,
}: {
  target: BulkTarget;
  /** How many leads the target holds, for the title. */
  count: number;
  open: boolean;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const report = useReportBulkOutcome();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'owner';
  const members = useMembers();
  const assign = useAssignLeads();
  const roundRobin = useAssignRoundRobin();
  const memberOptions = (members.data ?? []).map((m) => ({ value: m.userId, label: `${m.name} · ${m.email}` }));

  const done = (outcome: BulkOutcome<AssignmentResult>) => {
    report(outcome, (result) => t('leads.assign.done', { assigned: result.assigned, unchanged: result.unchanged }));
    form.resetFields();
    onClose(true);
  };

  const onFinish = (values: Values) => {
    const options = { onSuccess: done, onError: (error: unknown) => notifyError(error) };
    if (values.mode === 'roundRobin') roundRobin.mutate({ target, userIds: values.userIds ?? [] }, options);
    else assign.mutate({ target, ownerId: values.mode === 'pool' ? null : (values.ownerId ?? null) }, options);
  };

  return (
    <Modal
      title={t('leads.assign.title', { count })}
      open={open}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('leads.assign.submit')}
      confirmLoading={assign.isPending || roundRobin.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'owner' }}
        onFinish={onFinish}
        preserve={false}
      >
        <Form.Item name="mode" label={t('leads.assign.mode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'owner', label: t('leads.assign.modes.owner') },
              { value: 'roundRobin', label: t('leads.assign.modes.roundRobin') },
              { value: 'pool', label: t('leads.assign.modes.pool') },
            ]}
          />
        </Form.Item>
        {mode === 'owner' && (
          <Form.Item
            name="ownerId"
            label={t('leads.assign.owner')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select showSearch optionFilterProp="label" options={memberOptions} loading={members.isPending} />
          </Form.Item>
        )}
        {mode === 'roundRobin' && (
          <Form.Item
            name="userIds"
            label={t('leads.assign.people')}
            extra={t('leads.assign.roundRobinHint')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={memberOptions}
              loading={members.isPending}
            />
          </Form.Item>
        )}
        {mode === 'pool' && <p>{t('leads.assign.poolHint')}</p>}
      </Form>
    </Modal>
  );
}
