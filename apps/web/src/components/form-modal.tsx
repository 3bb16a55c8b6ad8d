import { Alert, Button, Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorMessageOverrides } from '../errors/error-message';
import { useFormSubmit } from '../errors/use-form-submit';

interface FormModalProps<T> {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** Resolve to finish (the caller closes the modal); throw to keep it open with the error shown. */
  onSubmit: (values: T) => Promise<unknown>;
  initialValues?: Partial<T>;
  submitText?: string;
  submitTestId?: string;
  width?: number;
  errorOverrides?: ErrorMessageOverrides;
  children: ReactNode;
}

/** A modal holding one vertical form, with server errors mapped onto its fields. Fresh every time it opens. */
export function FormModal<T extends object>(props: FormModalProps<T>) {
  const { open, title, onClose, width = 520 } = props;
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      footer={null}
      width={width}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <FormModalBody {...props} />
    </Modal>
  );
}

function FormModalBody<T extends object>({
  onClose,
  onSubmit,
  initialValues,
  submitText,
  submitTestId,
  errorOverrides,
  children,
}: FormModalProps<T>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const { onFinish, submitting, formError, clearFormError } = useFormSubmit(form, onSubmit, {
    overrides: errorOverrides,
  });
  return (
    <Form<T>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={clearFormError}
      requiredMark
      style={{ marginTop: 16 }}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {children}
      <div className="form-footer">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid={submitTestId}>
          {submitText ?? t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
