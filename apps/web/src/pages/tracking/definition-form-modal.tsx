import {
  STANDARD_EVENT_NAMES,
  type CreateEventDefinitionBody,
  type EventDefinition,
  type EventDefinitionKind,
  type TrackingPropertySpec,
  type UpdateEventDefinitionBody,
} from '@kindling/contracts/tracking';
import { App, Checkbox, Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateEventDefinition, useUpdateEventDefinition } from '../../api/use-tracking';
import { FormModal } from '../../components/form-modal';
import { CodeBlock } from './code-block';
import { PropertySchemaEditor } from './property-schema-editor';

const EVENT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const KINDS: EventDefinitionKind[] = ['page_view', 'click', 'custom'];

interface DefinitionFormValues {
  kind: EventDefinitionKind;
  name: string;
  label: string;
  selector?: string;
  urlPattern?: string;
  properties?: TrackingPropertySpec[];
  /** Applies to every site of the workspace rather than only this one. */
  allSites: boolean;
}

/** What a new definition starts from: a blank one, or an event name already received ("定义" on it). */
export type DefinitionDraft = Partial<Pick<DefinitionFormValues, 'kind' | 'name' | 'label'>>;

function toFormValues(definition: EventDefinition): DefinitionFormValues {
  return {
    kind: definition.kind,
    name: definition.name,
    label: definition.label,
    selector: definition.selector ?? undefined,
    urlPattern: definition.urlPattern ?? undefined,
    properties: definition.properties,
    allSites: definition.siteId === null,
  };
}

const cleanProperties = (properties: TrackingPropertySpec[] | undefined) =>
  (properties ?? []).map((p) => ({ ...p, key: p.key.trim(), label: p.label.trim() }));

function toCreateBody(siteId: string, values: DefinitionFormValues): CreateEventDefinitionBody {
  return {
    kind: values.kind,
    siteId: values.allSites ? null : siteId,
    name: values.name.trim(),
    label: values.label.trim(),
    selector: values.kind === 'click' ? (values.selector?.trim() ?? null) : null,
    urlPattern: values.kind === 'page_view' ? (values.urlPattern?.trim() ?? null) : null,
    properties: values.kind === 'custom' ? cleanProperties(values.properties) : [],
  };
}

function toUpdateBody(siteId: string, definition: EventDefinition, values: DefinitionFormValues) {
  const body: UpdateEventDefinitionBody = {};
  const label = values.label.trim();
  if (label !== definition.label) body.label = label;
  const selector = values.selector?.trim();
  if (definition.kind === 'click' && selector && selector !== definition.selector) body.selector = selector;
  const urlPattern = values.urlPattern?.trim();
  if (definition.kind === 'page_view' && urlPattern && urlPattern !== definition.urlPattern)
    body.urlPattern = urlPattern;
  const properties = cleanProperties(values.properties);
  if (definition.kind === 'custom' && JSON.stringify(properties) !== JSON.stringify(definition.properties)) {
    body.properties = properties;
  }
  const nextSiteId = values.allSites ? null : siteId;
  if (nextSiteId !== definition.siteId) body.siteId = nextSiteId;
  return body;
}

/** `kindling.track('name', { … })` with an example value for every property of the schema. */
function trackExample(name: string | undefined, properties: TrackingPropertySpec[] | undefined): string {
  const example = { string: "'…'", number: '1', boolean: 'true' } as const;
  const props = (properties ?? [])
    .filter((p) => p?.key)
    .map((p) => `${p.key}: ${example[p.type] ?? example.string}`)
    .join(', ');
  return `kindling.track('${name || 'event_name'}'${props ? `, { ${props} }` : ''});`;
}

interface DefinitionFormModalProps {
  open: boolean;
  siteId: string;
  /** Edit this definition; without it the modal creates one. */
  definition?: EventDefinition;
  draft?: DefinitionDraft;
  onClose: () => void;
}

/** Create or edit an event definition: a named page, a click on chosen elements, or a custom event. */
export function DefinitionFormModal({ open, siteId, definition, draft, onClose }: DefinitionFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateEventDefinition();
  const update = useUpdateEventDefinition();
  const editing = Boolean(definition);

  const submit = async (values: DefinitionFormValues) => {
    if (!definition) {
      const created = await create.mutateAsync(toCreateBody(siteId, values));
      void message.success(t('tracking.definition.created', { label: created.label }));
      onClose();
      return;
    }
    const body = toUpdateBody(siteId, definition, values);
    if (Object.keys(body).length === 0) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    await update.mutateAsync({ id: definition.id, body });
    void message.success(t('tracking.definition.updated'));
    onClose();
  };

  const reserved = STANDARD_EVENT_NAMES as readonly string[];
  return (
    <FormModal<DefinitionFormValues>
      open={open}
      title={editing ? t('tracking.definition.editTitle') : t('tracking.definition.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={
        definition
          ? toFormValues(definition)
          : { kind: 'custom', name: '', label: '', properties: [], allSites: false, ...draft }
      }
      submitText={editing ? t('common.save') : t('tracking.definition.create')}
      submitTestId="definition-form-submit"
      errorOverrides={{ conflict: t('tracking.definition.conflict') }}
      width={760}
    >
      <Form.Item name="kind" label={t('tracking.definition.kind')}>
        <Radio.Group disabled={editing} optionType="button" data-testid="definition-form-kind">
          {KINDS.map((kind) => (
            <Radio key={kind} value={kind}>
              {t(`tracking.definitionKinds.${kind}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="label"
            label={t('tracking.definition.label')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
          >
            <Input
              maxLength={100}
              placeholder={t('tracking.definition.labelPlaceholder')}
              data-testid="definition-form-label"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('tracking.definition.name')}
            extra={t('tracking.definition.nameHint')}
            rules={[
              { required: true, message: t('validation.required') },
              { pattern: EVENT_NAME_PATTERN, message: t('tracking.definition.nameInvalid') },
              {
                validator: async (_rule, name: string | undefined) => {
                  if (!editing && name && reserved.includes(name))
                    throw new Error(t('tracking.definition.nameReserved'));
                },
              },
            ]}
          >
            <Input
              className="mono"
              maxLength={64}
              disabled={editing}
              placeholder="download_whitepaper"
              data-testid="definition-form-name"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const kind = getFieldValue('kind') as EventDefinitionKind;
          if (kind === 'page_view') {
            return (
              <Form.Item
                name="urlPattern"
                label={t('tracking.definition.urlPattern')}
                extra={t('tracking.definition.urlPatternHint')}
                rules={[
                  { required: true, message: t('validation.required') },
                  { pattern: /^\/\S*$/, message: t('tracking.definition.urlPatternInvalid') },
                  { max: 500 },
                ]}
              >
                <Input
                  className="mono"
                  maxLength={500}
                  placeholder="/pricing"
                  data-testid="definition-form-url-pattern"
                />
              </Form.Item>
            );
          }
          if (kind === 'click') {
            return (
              <Form.Item
                name="selector"
                label={t('tracking.definition.selector')}
                extra={t('tracking.definition.selectorHint')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300 }]}
              >
                <Input
                  className="mono"
                  maxLength={300}
                  placeholder="#book-demo"
                  data-testid="definition-form-selector"
                />
              </Form.Item>
            );
          }
          const name = getFieldValue('name') as string | undefined;
          const properties = getFieldValue('properties') as TrackingPropertySpec[] | undefined;
          return (
            <>
              <PropertySchemaEditor />
              <Form.Item label={t('tracking.definition.codeExample')} extra={t('tracking.definition.codeExampleHint')}>
                <CodeBlock code={trackExample(name, properties)} testId="definition-code-example" />
              </Form.Item>
            </>
          );
        }}
      </Form.Item>
      <Form.Item name="allSites" valuePropName="checked" extra={t('tracking.definition.allSitesHint')}>
        <Checkbox>{t('tracking.definition.allSites')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
