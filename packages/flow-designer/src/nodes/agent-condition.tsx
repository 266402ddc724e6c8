import { useTranslator } from '../i18n/i18n.js';
import type { NodeFacet, SummaryProps } from './facet.js';
import { MemberList } from './MemberList.js';

/** The question asked and the members it is about. */
function AgentConditionSummary({ config, flow }: SummaryProps<'agentCondition'>) {
  const { t } = useTranslator();
  return (
    <>
      <div>
        <strong>{t(`agentCondition.when.${config.when}`)}</strong>
      </div>
      <MemberList members={config.members} flow={flow} />
    </>
  );
}

export const agentConditionFacet: NodeFacet<'agentCondition'> = { Summary: AgentConditionSummary };
