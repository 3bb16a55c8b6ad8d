import type { TrackingSite } from '@kindling/contracts/tracking';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateTrackingSite, useUpdateTrackingSite } from '../../api/use-tracking';
import { FormModal } from '../../components/form-modal';
import {
  NEW_SITE_VALUES,
  SiteFormFields,
  siteToFormValues,
  toCreateSiteBody,
  toUpdateSiteBody,
  type SiteFormValues,
} from './site-form-fields';

interface SiteFormModalProps {
  open: boolean;
  onClose: () => void;
  onSaved: (site: TrackingSite) => void;
  /** Edit this site; without it the modal creates one. */
  site?: TrackingSite;
}

/** Create or edit a tracked site. */
export function SiteFormModal({ open, onClose, onSaved, site }: SiteFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const createSite = useCreateTrackingSite();
  const updateSite = useUpdateTrackingSite(site?.id ?? '');

  const submit = async (values: SiteFormValues) => {
    if (!site) {
      const created = await createSite.mutateAsync(toCreateSiteBody(values));
      void message.success(t('tracking.site.created', { name: created.name }));
      onSaved(created);
      return;
    }
    const changes = toUpdateSiteBody(site, values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('common.noChanges'));
      onClose();
      return;
    }
    const updated = await updateSite.mutateAsync(changes);
    void message.success(t('tracking.site.updated'));
    onSaved(updated);
  };

  return (
    <FormModal<SiteFormValues>
      open={open}
      title={site ? t('tracking.site.editTitle') : t('tracking.site.createTitle')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={site ? siteToFormValues(site) : NEW_SITE_VALUES}
      submitText={site ? t('common.save') : t('tracking.site.create')}
      submitTestId="site-form-submit"
      width={720}
    >
      <SiteFormFields editing={Boolean(site)} />
    </FormModal>
  );
}
