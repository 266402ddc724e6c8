import { parseScenario, simulateCall, zonedDateTime } from '@ringflow/flow-core';
import type { AgentPresence, CallResult, FlowDocument, ScenarioInput } from '@ringflow/flow-core';
import { useEffect, useMemo, useState } from 'react';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { useTranslator } from '../i18n/i18n.js';

const PRESENCES = ['available', 'offline', 'snooze', 'inCall'] as const satisfies readonly AgentPresence[];
const BEHAVIOURS = ['answers', 'never', 'rejects'] as const;
type Behaviour = (typeof BEHAVIOURS)[number];

/** How one agent behaves during the test call. */
interface AgentSetting {
  readonly status: AgentPresence;
  readonly behaviour: Behaviour;
  readonly answerAfterSeconds: number;
}

/** Everything the form holds, before it becomes a DESIGN-6 scenario. */
export interface TestCallForm {
  /** A `datetime-local` value, read in the flow's time zone. */
  readonly at: string;
  readonly from: string;
  readonly anonymous: boolean;
  readonly to: string;
  readonly agents: Readonly<Record<string, AgentSetting>>;
  /** Keys per collecting step separated by spaces; `-` types nothing at that step. */
  readonly digits: string;
}

// Milliseconds between two steps while playing.
const PLAY_INTERVAL_MS = 800;
const DEFAULT_AGENT: AgentSetting = { status: 'available', behaviour: 'answers', answerAfterSeconds: 5 };

/** The scenario (DESIGN 6) a filled form describes; undefined when the date is not set. */
export function scenarioFromForm(form: TestCallForm, timezone: string): ScenarioInput | undefined {
  const at = zonedDateTime(form.at, timezone);
  if (at === undefined) return undefined;
  const agents: NonNullable<ScenarioInput['agents']> = {};
  for (const [id, agent] of Object.entries(form.agents)) {
    agents[id] =
      agent.behaviour === 'never'
        ? { status: agent.status, answer: 'never' }
        : agent.behaviour === 'rejects'
          ? { status: agent.status, reject: true }
          : { status: agent.status, answerAfterSeconds: agent.answerAfterSeconds };
  }
  const inputs = form.digits
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => (token === '-' ? null : token));
  return {
    call: { from: form.anonymous ? null : form.from.trim(), to: form.to.trim(), at },
    agents,
    caller: { inputs },
  };
}

export interface TestCallPanelProps {
  readonly flow: FlowDocument;
  /** Receives the part of the call's path to light up on the canvas, or null when nothing plays. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

/**
 * Runs flow-core's simulator on a call described by a form (date in the flow's time zone, caller,
 * agents, typed keys) and plays the path back on the canvas step by step.
 */
export function TestCallPanel({ flow, onHighlight }: TestCallPanelProps) {
  const { t, locale } = useTranslator();
  const [form, setForm] = useState<TestCallForm>({
    at: '',
    from: '+33600000000',
    anonymous: false,
    to: '+33100000000',
    agents: {},
    digits: '',
  });
  const [result, setResult] = useState<CallResult | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [step, setStep] = useState(0);
  const [playing, setPlaying] = useState(false);
  const labels = useMemo(() => new Map(flow.nodes.map((node) => [node.id, node.label ?? node.id])), [flow]);
  const agentNames = useMemo(() => new Map(flow.agents.map((agent) => [agent.id, agent.name])), [flow]);
  const agentOf = (id: string): AgentSetting => form.agents[id] ?? DEFAULT_AGENT;
  const setAgent = (id: string, change: Partial<AgentSetting>) =>
    setForm((f) => ({
      ...f,
      agents: { ...f.agents, [id]: { ...(f.agents[id] ?? DEFAULT_AGENT), ...change } },
    }));

  const lastStep = result === null ? 0 : Math.max(result.path.length - 1, 0);

  useEffect(() => {
    if (result === null || result.path.length === 0) onHighlight?.(null);
    else onHighlight?.({ path: result.path, step });
  }, [result, step, onHighlight]);

  useEffect(() => {
    if (!playing) return;
    if (step >= lastStep) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setStep((s) => Math.min(s + 1, lastStep)), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, step, lastStep]);

  const run = () => {
    setPlaying(false);
    setStep(0);
    const input = scenarioFromForm(
      { ...form, agents: Object.fromEntries(flow.agents.map((a) => [a.id, agentOf(a.id)])) },
      flow.timezone,
    );
    if (input === undefined) {
      setResult(null);
      setProblems([t('testCall.needDate')]);
      return;
    }
    const parsed = parseScenario(input, { locale });
    if (!parsed.ok) {
      setResult(null);
      setProblems(parsed.issues.map((issue) => issue.message));
      return;
    }
    try {
      setResult(simulateCall(flow, parsed.scenario));
      setProblems([]);
    } catch (error) {
      // An invalid flow cannot be compiled; the Problems panel already says why.
      setResult(null);
      setProblems([
        t('testCall.failed', { message: error instanceof Error ? error.message : String(error) }),
      ]);
    }
  };

  const seconds = (value: number | undefined) =>
    value === undefined ? t('testCall.none') : t('testCall.seconds', { seconds: value });
  const current = result?.path[step];

  return (
    <section className="rf-test-call" aria-label={t('testCall.title')}>
      <h2>{t('testCall.title')}</h2>
      {/* flow-core checks the scenario and reports in the designer's language, not the browser's. */}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label>
          {t('testCall.at', { timezone: flow.timezone })}
          <input
            type="datetime-local"
            required
            value={form.at}
            onChange={(event) => setForm((f) => ({ ...f, at: event.target.value }))}
          />
        </label>
        <label>
          {t('testCall.from')}
          <input
            type="tel"
            value={form.from}
            disabled={form.anonymous}
            onChange={(event) => setForm((f) => ({ ...f, from: event.target.value }))}
          />
        </label>
        <label className="rf-test-call-inline">
          <input
            type="checkbox"
            checked={form.anonymous}
            onChange={(event) => setForm((f) => ({ ...f, anonymous: event.target.checked }))}
          />
          {t('testCall.anonymous')}
        </label>
        <label>
          {t('testCall.to')}
          <input
            type="tel"
            value={form.to}
            onChange={(event) => setForm((f) => ({ ...f, to: event.target.value }))}
          />
        </label>
        {flow.agents.length > 0 && (
          <fieldset>
            <legend>{t('testCall.agents')}</legend>
            {flow.agents.map((agent) => {
              const setting = agentOf(agent.id);
              const name = agent.name;
              return (
                <div key={agent.id} className="rf-test-call-agent">
                  <span>{name}</span>
                  <select
                    aria-label={t('testCall.agentStatus', { name })}
                    value={setting.status}
                    onChange={(event) =>
                      setAgent(agent.id, {
                        status: PRESENCES.find((p) => p === event.target.value) ?? 'available',
                      })
                    }
                  >
                    {PRESENCES.map((presence) => (
                      <option key={presence} value={presence}>
                        {t(`testCall.status.${presence}`)}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label={t('testCall.agentBehaviour', { name })}
                    value={setting.behaviour}
                    onChange={(event) =>
                      setAgent(agent.id, {
                        behaviour: BEHAVIOURS.find((b) => b === event.target.value) ?? 'answers',
                      })
                    }
                  >
                    {BEHAVIOURS.map((behaviour) => (
                      <option key={behaviour} value={behaviour}>
                        {t(`testCall.behaviour.${behaviour}`)}
                      </option>
                    ))}
                  </select>
                  {setting.behaviour === 'answers' && (
                    <input
                      type="number"
                      min={0}
                      max={3600}
                      aria-label={t('testCall.agentAfter', { name })}
                      value={setting.answerAfterSeconds}
                      onChange={(event) =>
                        setAgent(agent.id, { answerAfterSeconds: Number(event.target.value) })
                      }
                    />
                  )}
                </div>
              );
            })}
          </fieldset>
        )}
        <label>
          {t('testCall.digits')}
          <input
            type="text"
            value={form.digits}
            placeholder="1 2 -"
            onChange={(event) => setForm((f) => ({ ...f, digits: event.target.value }))}
          />
        </label>
        <button type="submit">{t('testCall.run')}</button>
      </form>

      {problems.length > 0 && (
        <ul className="rf-test-call-problems" role="alert">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}

      {result !== null && (
        <div className="rf-test-call-result">
          <dl>
            <dt>{t('testCall.outcome')}</dt>
            <dd className="rf-test-call-outcome">{result.outcome}</dd>
            <dt>{t('testCall.answeredBy')}</dt>
            <dd className="rf-test-call-answered-by">
              {result.answeredBy === null
                ? t('testCall.none')
                : `${agentNames.get(result.answeredBy) ?? result.answeredBy} (${result.answeredBy})`}
            </dd>
            <dt>{t('testCall.missedReason')}</dt>
            <dd className="rf-test-call-missed-reason">{result.missedReason ?? t('testCall.none')}</dd>
            <dt>{t('testCall.wait')}</dt>
            <dd>{seconds(result.waitSeconds)}</dd>
            <dt>{t('testCall.duration')}</dt>
            <dd>{seconds(result.durationSeconds)}</dd>
          </dl>

          <div className="rf-test-call-playback" role="group" aria-label={t('testCall.playback')}>
            <button type="button" onClick={() => setPlaying(true)} disabled={playing || step >= lastStep}>
              {t('testCall.play')}
            </button>
            <button type="button" onClick={() => setPlaying(false)} disabled={!playing}>
              {t('testCall.pause')}
            </button>
            <button
              type="button"
              onClick={() => setStep((s) => Math.min(s + 1, lastStep))}
              disabled={step >= lastStep}
            >
              {t('testCall.step')}
            </button>
            <button
              type="button"
              onClick={() => {
                setPlaying(false);
                setStep(0);
              }}
            >
              {t('testCall.reset')}
            </button>
            {current !== undefined && (
              <p className="rf-test-call-current" aria-live="polite">
                {t('testCall.currentStep', {
                  step: step + 1,
                  total: result.path.length,
                  node: labels.get(current) ?? current,
                })}
              </p>
            )}
          </div>

          {result.legs.length > 0 && (
            <table className="rf-test-call-legs">
              <caption>{t('testCall.legs')}</caption>
              <thead>
                <tr>
                  <th>{t('testCall.leg.node')}</th>
                  <th>{t('testCall.leg.target')}</th>
                  <th>{t('testCall.leg.status')}</th>
                  <th>{t('testCall.leg.ring')}</th>
                </tr>
              </thead>
              <tbody>
                {result.legs.map((leg, index) => (
                  <tr key={index}>
                    <td>{labels.get(leg.node) ?? leg.node}</td>
                    <td>{leg.agent ?? leg.number ?? t('testCall.none')}</td>
                    <td>
                      <code>{leg.status}</code>
                    </td>
                    <td>{leg.ringSeconds ?? t('testCall.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          {result.polls.length > 0 && (
            <table className="rf-test-call-polls">
              <caption>{t('testCall.polls')}</caption>
              <thead>
                <tr>
                  <th>{t('testCall.poll.question')}</th>
                  <th>{t('testCall.poll.value')}</th>
                </tr>
              </thead>
              <tbody>
                {result.polls.map((poll, index) => (
                  <tr key={index}>
                    <td>
                      {poll.poll} / {poll.question}
                    </td>
                    <td>{poll.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3>{t('testCall.timeline')}</h3>
          <ol className="rf-test-call-timeline">
            {result.events.map(({ at, type, node, ...detail }, index) => (
              <li key={index}>
                <time dateTime={at}>{at.slice(11, 19)}</time> <code>{type}</code>
                {node === undefined ? '' : ` ${labels.get(node) ?? node}`}
                {Object.keys(detail).length === 0 ? '' : ` ${JSON.stringify(detail)}`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
