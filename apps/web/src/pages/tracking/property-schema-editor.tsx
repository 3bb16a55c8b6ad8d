import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PROPERTY_TYPES = ['string', 'number', 'boolean'] as const;

/** The properties a custom event carries: key, label, type and whether it is required (rows of the form). */
export function PropertySchemaEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="properties">
      {(items, { add, remove }) => (
        <Form.Item label={t('tracking.definition.properties')} extra={t('tracking.definition.propertiesHint')}>
          {items.map((item) => (
            <Space key={item.key} align="start" style={{ display: 'flex' }} wrap>
              <Form.Item
                name={[item.name, 'key']}
                rules={[
                  { required: true, message: t('validation.required') },
                  { pattern: KEY_PATTERN, message: t('tracking.definition.propertyKeyInvalid') },
                ]}
              >
                <Input className="mono" placeholder={t('tracking.definition.propertyKey')} maxLength={64} />
              </Form.Item>
              <Form.Item name={[item.name, 'label']} rules={[{ max: 100 }]}>
                <Input placeholder={t('tracking.definition.propertyLabel')} maxLength={100} />
              </Form.Item>
              <Form.Item name={[item.name, 'type']}>
                <Select
                  style={{ width: 110 }}
                  options={PROPERTY_TYPES.map((type) => ({ value: type, label: t(`tracking.propertyTypes.${type}`) }))}
                />
              </Form.Item>
              <Form.Item name={[item.name, 'required']} valuePropName="checked">
                <Checkbox>{t('tracking.definition.propertyRequired')}</Checkbox>
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                onClick={() => remove(item.name)}
              />
            </Space>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: '', label: '', type: 'string', required: false })}
            disabled={items.length >= 50}
            data-testid="definition-add-property"
          >
            {t('tracking.definition.addProperty')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
