import {
  ZSiteDomain,
  type CreateTrackingSiteBody,
  type TrackingSite,
  type TrackingSiteKind,
  type UpdateTrackingSiteBody,
} from '@kindling/contracts/tracking';
import { Col, Form, Input, Radio, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

export interface SiteFormValues {
  name: string;
  kind: TrackingSiteKind;
  domains: string[];
  respectDnt: boolean;
  consentRequired: boolean;
  truncateIp: boolean;
}

export const NEW_SITE_VALUES: SiteFormValues = {
  name: '',
  kind: 'web',
  domains: [],
  respectDnt: true,
  consentRequired: false,
  truncateIp: false,
};

export function siteToFormValues(site: TrackingSite): SiteFormValues {
  const { name, kind, domains, respectDnt, consentRequired, truncateIp } = site;
  return { name, kind, domains, respectDnt, consentRequired, truncateIp };
}

/** The domains as the server will store them (trimmed, lower-case, once each). */
const normaliseDomains = (domains: string[]) => [...new Set(domains.map((d) => d.trim().toLowerCase()))];

export function toCreateSiteBody(values: SiteFormValues): CreateTrackingSiteBody {
  return { ...values, name: values.name.trim(), domains: normaliseDomains(values.domains) };
}

/** Only what changed (the kind cannot change: the snippet differs). */
export function toUpdateSiteBody(site: TrackingSite, values: SiteFormValues): UpdateTrackingSiteBody {
  const body: UpdateTrackingSiteBody = {};
  const name = values.name.trim();
  if (name !== site.name) body.name = name;
  const domains = normaliseDomains(values.domains);
  if (domains.join('\n') !== site.domains.join('\n')) body.domains = domains;
  if (values.respectDnt !== site.respectDnt) body.respectDnt = values.respectDnt;
  if (values.consentRequired !== site.consentRequired) body.consentRequired = values.consentRequired;
  if (values.truncateIp !== site.truncateIp) body.truncateIp = values.truncateIp;
  return body;
}

/** Name, kind, allowed domains and the privacy switches of a tracked site (the create modal and Settings tab). */
export function SiteFormFields({ editing }: { editing: boolean }) {
  const { t } = useTranslation();
  const privacySwitch = (name: 'respectDnt' | 'consentRequired' | 'truncateIp') => (
    <Col xs={24} sm={8}>
      <Form.Item
        name={name}
        label={t(`tracking.site.${name}`)}
        valuePropName="checked"
        extra={t(`tracking.site.${name}Hint`)}
      >
        <Switch data-testid={`site-form-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12}>
        <Form.Item
          name="name"
          label={t('tracking.site.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
        >
          <Input maxLength={100} placeholder={t('tracking.site.namePlaceholder')} data-testid="site-form-name" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name="kind"
          label={t('tracking.site.kind')}
          extra={editing ? t('tracking.site.kindFixed') : undefined}
        >
          <Radio.Group disabled={editing} optionType="button">
            <Radio value="web">{t('tracking.kinds.web')}</Radio>
            <Radio value="miniprogram">{t('tracking.kinds.miniprogram')}</Radio>
          </Radio.Group>
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="domains"
          label={t('tracking.site.domains')}
          extra={t('tracking.site.domainsHint')}
          rules={[
            {
              validator: async (_rule, domains: string[] | undefined) => {
                const invalid = (domains ?? []).filter((domain) => !ZSiteDomain.safeParse(domain).success);
                if (invalid.length > 0)
                  throw new Error(t('tracking.site.domainInvalid', { domains: invalid.join(', ') }));
                if ((domains ?? []).length > 50) throw new Error(t('tracking.site.domainsTooMany'));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            tokenSeparators={[',', ' ', '，', '\n']}
            placeholder="example.com, *.example.com"
            data-testid="site-form-domains"
          />
        </Form.Item>
      </Col>
      {privacySwitch('respectDnt')}
      {privacySwitch('consentRequired')}
      {privacySwitch('truncateIp')}
    </Row>
  );
}
