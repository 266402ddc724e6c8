import { useTranslator } from '../i18n/i18n.js';
import { describeSound } from './describe.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/** The mailbox, the greeting and the maximum length. */
function VoicemailSummary({ config, flow }: SummaryProps<'voicemail'>) {
  const translator = useTranslator();
  const { t } = translator;
  return (
    <>
      <div>{t('voicemail.mailbox', { mailbox: config.mailbox })}</div>
      {config.greeting !== undefined && (
        <div className="rf-summary-text">{describeSound(config.greeting, flow, translator)}</div>
      )}
      <div className="rf-summary-muted">{t('voicemail.maxSeconds', { seconds: config.maxSeconds })}</div>
    </>
  );
}

export const voicemailFacet: NodeFacet<'voicemail'> = { Summary: VoicemailSummary };
