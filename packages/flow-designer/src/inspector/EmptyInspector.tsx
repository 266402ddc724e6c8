import { useTranslator } from '../i18n/i18n.js';

/** The Properties panel when nothing is selected. */
export function EmptyInspector() {
  const { t } = useTranslator();
  return (
    <>
      <h2>{t('inspector.empty.title')}</h2>
      <p className="rf-muted">{t('inspector.empty.hint')}</p>
    </>
  );
}
