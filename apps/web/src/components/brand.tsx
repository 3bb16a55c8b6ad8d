import { useTranslation } from 'react-i18next';

export function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={collapsed ? 'brand brand-collapsed' : 'brand'}>
      <img src="/favicon.svg" alt="" />
      {!collapsed && <span>{t('app.name')}</span>}
    </div>
  );
}
