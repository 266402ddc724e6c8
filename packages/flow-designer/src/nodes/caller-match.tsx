import { useTranslator } from '../i18n/i18n.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/** The numbers and prefixes matched, and whether VIP or hidden callers match. */
function CallerMatchSummary({ config }: SummaryProps<'callerMatch'>) {
  const { t } = useTranslator();
  const nothing = config.numbers.length === 0 && !config.vip && !config.anonymous;
  return (
    <>
      {config.numbers.length > 0 && (
        <div>{t('callerMatch.numbers', { numbers: config.numbers.join(', ') })}</div>
      )}
      {config.vip && <div>{t('callerMatch.vip')}</div>}
      {config.anonymous && <div>{t('callerMatch.anonymous')}</div>}
      {nothing && <div className="rf-summary-muted">{t('callerMatch.nothing')}</div>}
    </>
  );
}

export const callerMatchFacet: NodeFacet<'callerMatch'> = { Summary: CallerMatchSummary };
