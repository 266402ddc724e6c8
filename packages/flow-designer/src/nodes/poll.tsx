import { useTranslator } from '../i18n/i18n.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/** The poll id and how many questions it asks, with their key ranges. */
function PollSummary({ config }: SummaryProps<'poll'>) {
  const { t } = useTranslator();
  return (
    <>
      <div>{t('poll.id', { id: config.id })}</div>
      <div>
        {t('poll.questions', { count: config.questions.length })}
        {config.questions.length > 0 && (
          <span className="rf-summary-muted">
            {' '}
            ({config.questions.map((q) => `${q.id}: ${q.min}–${q.max}`).join(', ')})
          </span>
        )}
      </div>
    </>
  );
}

export const pollFacet: NodeFacet<'poll'> = { Summary: PollSummary };
