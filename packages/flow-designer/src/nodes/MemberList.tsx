import type { Member } from '@ringflow/flow-core';
import { useTranslator } from '../i18n/i18n.js';
import { describeMember } from './describe.js';
import type { FlowLibrary } from './facet.js';

/** The members of a ring group or an agent condition, in order, by name. */
export function MemberList({ members, flow }: { members: readonly Member[]; flow: FlowLibrary }) {
  const translator = useTranslator();
  if (members.length === 0) return <div className="rf-summary-muted">{translator.t('members.none')}</div>;
  return (
    <ol className="rf-members">
      {members.map((member, index) => (
        <li key={index}>{describeMember(member, flow, translator)}</li>
      ))}
    </ol>
  );
}
