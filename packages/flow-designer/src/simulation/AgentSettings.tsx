import { isOpen } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { useMemo } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import {
  AGENT_BEHAVIOURS,
  DEFAULT_REJECT_SECONDS,
  NUMBER_BEHAVIOURS,
  PRESENCES,
  agentSettingOf,
  flowNumbers,
  numberSettingOf,
} from './call-setup.js';
import type { AgentSetting, NumberSetting, Participants } from './call-setup.js';
import './simulation.css';

/** Props of {@link AgentSettings}. */
export interface AgentSettingsProps {
  readonly flow: FlowDocument;
  readonly value: Participants;
  /** Receives a change to apply to the latest participants. */
  readonly onChange: (change: (previous: Participants) => Participants) => void;
  /**
   * When plannings are read: an instant (epoch ms) to say whether each agent is within their
   * planning then, `eachSlot` when every simulated call reads them at its own time.
   */
  readonly planningAt?: number | 'eachSlot';
}

const secondsField = { min: 0, max: 3600, step: 1 } as const;

/**
 * How each agent of the flow and each outside number it calls behave in a simulated call: an
 * agent's presence and whether they answer (after how long), never answer or decline; an outside
 * number's answer, or busy. Shared by the test call panel and the week view.
 */
export function AgentSettings({ flow, value, onChange, planningAt }: AgentSettingsProps) {
  const { t } = useTranslator();
  const numbers = useMemo(() => flowNumbers(flow), [flow]);

  const setAgent = (id: string, change: Partial<AgentSetting>) =>
    onChange((p) => ({ ...p, agents: { ...p.agents, [id]: { ...agentSettingOf(p, id), ...change } } }));
  const setNumber = (number: string, change: Partial<NumberSetting>) =>
    onChange((p) => ({
      ...p,
      numbers: { ...p.numbers, [number]: { ...numberSettingOf(p, number), ...change } },
    }));

  const planningNote = (scheduleId: string | undefined): string | undefined => {
    if (scheduleId === undefined || planningAt === undefined) return undefined;
    const schedule = flow.schedules.find((s) => s.id === scheduleId);
    if (schedule === undefined) return undefined;
    if (planningAt === 'eachSlot') return t('simulation.planning.each', { schedule: schedule.name });
    try {
      const open = isOpen(schedule, planningAt, { timezone: flow.timezone }).status === 'open';
      return t(open ? 'simulation.planning.in' : 'simulation.planning.out', { schedule: schedule.name });
    } catch {
      // A schedule with a bad time zone: the Problems panel says so.
      return t('simulation.planning', { schedule: schedule.name });
    }
  };

  if (flow.agents.length === 0 && numbers.length === 0) return null;
  return (
    <div className="rf-sim-participants">
      {flow.agents.length > 0 && (
        <fieldset className="rf-sim-fieldset">
          <legend>{t('simulation.agents')}</legend>
          {flow.agents.map((agent) => {
            const setting = agentSettingOf(value, agent.id);
            const name = agent.name;
            const note = planningNote(agent.planning);
            return (
              <div key={agent.id} className="rf-sim-participant">
                <span className="rf-sim-participant-name">{name}</span>
                <select
                  aria-label={t('simulation.agentStatus', { name })}
                  value={setting.status}
                  onChange={(event) =>
                    setAgent(agent.id, {
                      status: PRESENCES.find((p) => p === event.target.value) ?? 'available',
                    })
                  }
                >
                  {PRESENCES.map((presence) => (
                    <option key={presence} value={presence}>
                      {t(`simulation.status.${presence}`)}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={t('simulation.agentBehaviour', { name })}
                  value={setting.behaviour}
                  disabled={setting.status !== 'available'}
                  onChange={(event) =>
                    setAgent(agent.id, {
                      behaviour: AGENT_BEHAVIOURS.find((b) => b === event.target.value) ?? 'answers',
                    })
                  }
                >
                  {AGENT_BEHAVIOURS.map((behaviour) => (
                    <option key={behaviour} value={behaviour}>
                      {t(`simulation.behaviour.${behaviour}`)}
                    </option>
                  ))}
                </select>
                {setting.status === 'available' && setting.behaviour === 'answers' && (
                  <input
                    type="number"
                    {...secondsField}
                    aria-label={t('simulation.agentAfter', { name })}
                    value={setting.answerAfterSeconds}
                    onChange={(event) =>
                      setAgent(agent.id, { answerAfterSeconds: Number(event.target.value) })
                    }
                  />
                )}
                {setting.status === 'available' && setting.behaviour === 'rejects' && (
                  <input
                    type="number"
                    {...secondsField}
                    aria-label={t('simulation.agentRejectAfter', { name })}
                    value={setting.rejectAfterSeconds ?? DEFAULT_REJECT_SECONDS}
                    onChange={(event) =>
                      setAgent(agent.id, { rejectAfterSeconds: Number(event.target.value) })
                    }
                  />
                )}
                {note !== undefined && <small className="rf-sim-participant-note">{note}</small>}
              </div>
            );
          })}
        </fieldset>
      )}
      {numbers.length > 0 && (
        <fieldset className="rf-sim-fieldset">
          <legend>{t('simulation.numbers')}</legend>
          {numbers.map(({ number, label }) => {
            const setting = numberSettingOf(value, number);
            const name = `${label} (${number})`;
            return (
              <div key={number} className="rf-sim-participant">
                <span className="rf-sim-participant-name">{name}</span>
                <select
                  aria-label={t('simulation.numberBehaviour', { name })}
                  value={setting.behaviour}
                  onChange={(event) =>
                    setNumber(number, {
                      behaviour: NUMBER_BEHAVIOURS.find((b) => b === event.target.value) ?? 'never',
                    })
                  }
                >
                  {NUMBER_BEHAVIOURS.map((behaviour) => (
                    <option key={behaviour} value={behaviour}>
                      {t(`simulation.behaviour.${behaviour}`)}
                    </option>
                  ))}
                </select>
                {setting.behaviour === 'answers' && (
                  <input
                    type="number"
                    {...secondsField}
                    aria-label={t('simulation.numberAfter', { name })}
                    value={setting.answerAfterSeconds}
                    onChange={(event) =>
                      setNumber(number, { answerAfterSeconds: Number(event.target.value) })
                    }
                  />
                )}
                {setting.behaviour === 'rejects' && (
                  <input
                    type="number"
                    {...secondsField}
                    aria-label={t('simulation.numberRejectAfter', { name })}
                    value={setting.rejectAfterSeconds ?? DEFAULT_REJECT_SECONDS}
                    onChange={(event) =>
                      setNumber(number, { rejectAfterSeconds: Number(event.target.value) })
                    }
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
