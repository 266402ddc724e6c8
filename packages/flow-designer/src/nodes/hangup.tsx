import { useTranslator } from '../i18n/i18n.js';
import { describeSound } from './describe.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/** The last message, if any. */
function HangupSummary({ config, flow }: SummaryProps<'hangup'>) {
  const translator = useTranslator();
  if (config.sound === undefined) {
    return <div className="rf-summary-muted">{translator.t('hangup.silent')}</div>;
  }
  return <div className="rf-summary-text">{describeSound(config.sound, flow, translator)}</div>;
}

export const hangupFacet: NodeFacet<'hangup'> = { Summary: HangupSummary };
