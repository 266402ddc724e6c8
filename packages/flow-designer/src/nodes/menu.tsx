import { useTranslator } from '../i18n/i18n.js';
import { describeSound } from './describe.js';
import type { NodeFacet, SummaryProps } from './facet.js';

/**
 * The prompt and the timing. The keys themselves are the node's ports: one labelled handle per digit
 * in keypad order, then `timeout` and `invalid`, as flow-core derives them from the options.
 */
function MenuSummary({ config, flow }: SummaryProps<'menu'>) {
  const translator = useTranslator();
  const { t } = translator;
  return (
    <>
      <div className="rf-summary-text">
        {t('menu.prompt', { text: describeSound(config.prompt, flow, translator) })}
      </div>
      <div className="rf-summary-muted">
        {t('menu.timeout', { seconds: config.timeoutSeconds, attempts: config.attempts })}
      </div>
    </>
  );
}

export const menuFacet: NodeFacet<'menu'> = { Summary: MenuSummary };
