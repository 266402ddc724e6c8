import { useTranslator } from '../i18n/i18n.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/** The number called, the ring time and which number is shown. */
function ForwardSummary({ config }: SummaryProps<'forward'>) {
  const { t } = useTranslator();
  return (
    <>
      <div>
        <strong>{t('forward.number', { number: config.number })}</strong>
      </div>
      <div>{t('forward.ringSeconds', { seconds: config.ringSeconds })}</div>
      <div className="rf-summary-muted">{t(`forward.callerId.${config.callerId}`)}</div>
    </>
  );
}

export const forwardFacet: NodeFacet<'forward'> = { Summary: ForwardSummary };
