import { useTranslator } from '../i18n/i18n.js';
import { describeSound } from './describe.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/** What is played (TTS text or file), how many times, and whether before answering. */
function AnnouncementSummary({ config, flow }: SummaryProps<'announcement'>) {
  const translator = useTranslator();
  const { t } = translator;
  return (
    <>
      <div className="rf-summary-text">{describeSound(config.sound, flow, translator)}</div>
      {config.loops > 1 && <div>{t('announcement.loops', { count: config.loops })}</div>}
      {!config.answer && <div className="rf-summary-muted">{t('announcement.earlyMedia')}</div>}
    </>
  );
}

export const announcementFacet: NodeFacet<'announcement'> = { Summary: AnnouncementSummary };
