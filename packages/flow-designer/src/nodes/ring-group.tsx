import { useTranslator } from '../i18n/i18n.js';
import type { NodeFacet, SummaryProps } from './facet.js';
import { MemberList } from './MemberList.js';

/** Strategy, members by name, ring time and repeats. */
function RingGroupSummary({ config, flow }: SummaryProps<'ringGroup'>) {
  const { t } = useTranslator();
  return (
    <>
      <div>
        <strong>{t(`ringGroup.strategy.${config.strategy}`)}</strong> ·{' '}
        {t('ringGroup.ringSeconds', { seconds: config.ringSeconds })}
        {config.repeat > 0 && <> · {t('ringGroup.repeat', { count: config.repeat })}</>}
      </div>
      <MemberList members={config.members} flow={flow} />
    </>
  );
}

export const ringGroupFacet: NodeFacet<'ringGroup'> = { Summary: RingGroupSummary };
