import { useTranslator } from '../i18n/i18n.js';
import { formatSavedAt } from '../start/StartDialog.js';
import type { SavedFlow } from './autosave.js';
import './io.css';

export interface RecoveryBannerProps {
  /** The saved version that differs from the open flow. */
  readonly saved: SavedFlow;
  readonly onRecover: () => void;
  readonly onDiscard: () => void;
}

/**
 * A non-blocking offer to recover a flow saved automatically that differs from the one opened. The
 * designer stays usable meanwhile; the saved version is kept until the admin chooses.
 */
export function RecoveryBanner({ saved, onRecover, onDiscard }: RecoveryBannerProps) {
  const { t, locale } = useTranslator();
  return (
    <div role="region" aria-label={t('io.recovery.label')} className="rf-banner rf-recovery">
      <p>
        {t('io.recovery.text', { name: saved.name, date: formatSavedAt(saved.savedAt, locale) })}{' '}
        <small>{t('io.recovery.paused')}</small>
      </p>
      <button type="button" className="rf-primary" onClick={onRecover}>
        {t('io.recovery.recover')}
      </button>
      <button type="button" onClick={onDiscard}>
        {t('io.recovery.discard')}
      </button>
    </div>
  );
}
