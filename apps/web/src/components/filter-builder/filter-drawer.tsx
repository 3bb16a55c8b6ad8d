import { EMPTY_FILTER, type FilterGroup } from '@kindling/contracts/filters';
import { Button, Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterEditor } from './filter-editor';
import { useFilterCheck } from './use-filter-check';

interface FilterDrawerProps {
  open: boolean;
  /** The filter applied now (the draft starts from it each time the drawer opens). */
  applied: FilterGroup | null;
  onApply: (filter: FilterGroup | null) => void;
  onClose: () => void;
}

/** The filter builder in a drawer; Apply hands back the filter (null when it has no conditions). */
export function FilterDrawer({ open, applied, onApply, onClose }: FilterDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} title={t('filters.title')} size={760} destroyOnHidden>
      <FilterDrawerBody applied={applied} onApply={onApply} onClose={onClose} />
    </Drawer>
  );
}

function FilterDrawerBody({ applied, onApply }: Omit<FilterDrawerProps, 'open'>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<FilterGroup>(applied ?? EMPTY_FILTER);
  const [showIssues, setShowIssues] = useState(false);
  const { issues, ready } = useFilterCheck(draft);

  const apply = () => {
    if (issues.length > 0) {
      setShowIssues(true);
      return;
    }
    onApply(draft.children.length > 0 ? draft : null);
  };

  return (
    <>
      <FilterEditor value={draft} onChange={setDraft} showIssues={showIssues} />
      <div className="form-footer" style={{ marginTop: 24 }}>
        <Button onClick={() => setDraft(EMPTY_FILTER)}>{t('filters.reset')}</Button>
        <Button type="primary" disabled={!ready} onClick={apply} data-testid="filter-apply">
          {t('filters.apply')}
        </Button>
      </div>
    </>
  );
}
