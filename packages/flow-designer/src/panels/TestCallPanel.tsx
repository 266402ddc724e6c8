import { CallerNumberFields, DigitsField } from '../simulation/CallerFields.js';
import { holidaysReadyFor } from '../editor/holidays.js';
import { parseScenario, simulateCall, validateFlow, zonedDateTime } from '@ringflow/flow-core';
import type { CallResult, FlowDocument, ScenarioInput } from '@ringflow/flow-core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { useTranslator } from '../i18n/i18n.js';
import { AgentSettings } from '../simulation/AgentSettings.js';
import {
  DEFAULT_MESSAGE_SECONDS,
  DEFAULT_TALK_SECONDS,
  completeParticipants,
  defaultSetup,
  scenarioFromForm,
  wallClock,
} from '../simulation/call-setup.js';
import type { TestCallForm } from '../simulation/call-setup.js';
import { CallResultView } from '../simulation/CallResultView.js';
import { nodeName } from '../simulation/describe-call.js';
import { recall, remember, useRemembered } from '../simulation/remember.js';
import '../simulation/simulation.css';

export { scenarioFromForm };
export type { TestCallForm };

// Milliseconds between two steps while playing.
const PLAY_INTERVAL_MS = 800;
// A caller who hangs up is first offered this delay.
const DEFAULT_HANGUP_SECONDS = 30;

/** The last call run, kept with the flow it ran on: shown again only while that flow is unchanged. */
interface LastCall {
  readonly flow: FlowDocument;
  readonly scenario: ScenarioInput;
  readonly result: CallResult;
}

function newForm(flow: FlowDocument): TestCallForm {
  let at = '';
  try {
    // Now, on the flow's clocks: the question an admin asks first is "what happens if I call now?".
    at = wallClock(Date.now(), flow.timezone);
  } catch {
    // An unknown time zone: the Problems panel says so; the admin picks a date.
  }
  return { ...defaultSetup(flow), at };
}

export interface TestCallPanelProps {
  readonly flow: FlowDocument;
  /** Receives the part of the call's path to light up on the canvas, or null when nothing plays. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

/**
 * Runs flow-core's simulator on a call described by a form (date in the flow's time zone, caller,
 * called number, when the caller gives up, agents and outside numbers, typed keys, recording opt-out)
 * and plays the path back on the canvas step by step. The form is remembered per flow while the
 * page is open.
 */
export function TestCallPanel(props: TestCallPanelProps) {
  // Another flow gets its own form and result: nothing of the previous flow's call stays on screen.
  return <TestCallOfFlow key={props.flow.id} {...props} />;
}

function TestCallOfFlow({ flow, onHighlight }: TestCallPanelProps) {
  const translator = useTranslator();
  const { t, locale } = translator;
  const [form, setForm] = useRemembered<TestCallForm>(`testCall:${flow.id}`, () => newForm(flow));
  const lastKey = `testCall:last:${flow.id}`;
  const [last, setLast] = useState<LastCall | null>(() => {
    const kept = recall<LastCall>(lastKey);
    return kept !== undefined && kept.flow === flow ? kept : null;
  });
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [step, setStep] = useState(() => (last === null ? 0 : last.result.path.length - 1));
  const [playing, setPlaying] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  // Each run brings its result into view: under a long form it would otherwise go unseen.
  const [runs, setRuns] = useState(0);
  useEffect(() => {
    if (runs > 0) resultRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [runs]);
  const errors = useMemo(() => validateFlow(flow, { locale }).errors, [flow, locale]);
  const result = last?.result ?? null;
  const recording = flow.settings.recording;
  const suggestions = useMemo(
    () => [
      ...flow.settings.vip
        .filter((n) => !n.endsWith('*'))
        .map((number) => ({ number, label: t('testCall.suggest.vip') })),
      ...flow.settings.blocked
        .filter((n) => !n.endsWith('*'))
        .map((number) => ({ number, label: t('testCall.suggest.blocked') })),
    ],
    [flow, t],
  );

  const lastStep = result === null ? 0 : Math.max(result.path.length - 1, 0);

  useEffect(() => {
    if (result === null || result.path.length === 0) onHighlight?.(null);
    else onHighlight?.({ path: result.path, step: Math.min(step, result.path.length - 1) });
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

  const show = (call: LastCall | null) => {
    setLast(call);
    if (call === null) return;
    remember(lastKey, call);
  };

  const run = () => {
    if (!holidaysReadyFor(flow, run)) return;
    setPlaying(false);
    setStep(0);
    if (errors.length > 0) {
      show(null);
      setProblems([t('simulation.flowErrors', { count: errors.length })]);
      return;
    }
    const input = scenarioFromForm(completeParticipants(form, flow), flow.timezone);
    if (input === undefined) {
      show(null);
      setProblems([t('testCall.needDate')]);
      return;
    }
    // flow-core checks the scenario and reports in the designer's language, not the browser's.
    const parsed = parseScenario(input, { locale });
    if (!parsed.ok) {
      show(null);
      setProblems(parsed.issues.map((issue) => issue.message));
      return;
    }
    try {
      show({ flow, scenario: input, result: simulateCall(flow, parsed.scenario) });
      setProblems([]);
      setRuns((n) => n + 1);
    } catch (error) {
      show(null);
      setProblems([
        t('testCall.failed', { message: error instanceof Error ? error.message : String(error) }),
      ]);
    }
  };

  const current = result?.path[step];
  const planningAt = useMemo(() => {
    try {
      const at = zonedDateTime(form.at, flow.timezone);
      return at === undefined ? undefined : Date.parse(at);
    } catch {
      // An unknown time zone: the flow has an error, reported above the form.
      return undefined;
    }
  }, [form.at, flow.timezone]);

  return (
    <section className="rf-test-call" aria-label={t('testCall.title')}>
      <h2>{t('testCall.title')}</h2>
      {errors.length > 0 && (
        <p className="rf-sim-flow-errors">{t('simulation.flowErrors', { count: errors.length })}</p>
      )}
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
          {t('testCall.to')}
          <input
            type="tel"
            value={form.to}
            onChange={(event) => setForm((f) => ({ ...f, to: event.target.value }))}
          />
        </label>

        <fieldset className="rf-sim-fieldset">
          <legend>{t('testCall.caller')}</legend>
          <CallerNumberFields
            value={form}
            suggestions={suggestions}
            onChange={(change) => setForm((f) => ({ ...f, ...change }))}
          />
          <label className="rf-sim-inline">
            <input
              type="checkbox"
              checked={form.hangupAfterSeconds !== undefined && form.hangupAfterSeconds !== null}
              onChange={(event) =>
                setForm((f) => ({
                  ...f,
                  hangupAfterSeconds: event.target.checked ? DEFAULT_HANGUP_SECONDS : null,
                }))
              }
            />
            {t('testCall.hangup')}
          </label>
          {form.hangupAfterSeconds !== undefined && form.hangupAfterSeconds !== null && (
            <label>
              {t('testCall.hangupAfter')}
              <input
                type="number"
                min={0}
                max={86400}
                value={form.hangupAfterSeconds}
                onChange={(event) =>
                  setForm((f) => ({ ...f, hangupAfterSeconds: Number(event.target.value) }))
                }
              />
            </label>
          )}
          {recording.enabled && recording.optOutDigit !== undefined && (
            <label className="rf-sim-inline">
              <input
                type="checkbox"
                checked={form.optOutOfRecording === true}
                onChange={(event) => setForm((f) => ({ ...f, optOutOfRecording: event.target.checked }))}
              />
              {t('testCall.optOut', { digit: recording.optOutDigit })}
            </label>
          )}
          <DigitsField value={form.digits} onChange={(change) => setForm((f) => ({ ...f, ...change }))} />
        </fieldset>

        <AgentSettings
          flow={flow}
          value={form}
          onChange={(change) => setForm((f) => ({ ...f, ...change(f) }))}
          planningAt={planningAt}
        />

        <details className="rf-sim-details">
          <summary>{t('testCall.durations')}</summary>
          <label>
            {t('testCall.talkSeconds')}
            <input
              type="number"
              min={1}
              max={86400}
              value={form.talkSeconds ?? DEFAULT_TALK_SECONDS}
              onChange={(event) => setForm((f) => ({ ...f, talkSeconds: Number(event.target.value) }))}
            />
          </label>
          <label>
            {t('testCall.messageSeconds')}
            <input
              type="number"
              min={1}
              max={3600}
              value={form.messageSeconds ?? DEFAULT_MESSAGE_SECONDS}
              onChange={(event) => setForm((f) => ({ ...f, messageSeconds: Number(event.target.value) }))}
            />
          </label>
        </details>

        <button type="submit" disabled={errors.length > 0}>
          {t('testCall.run')}
        </button>
      </form>

      {problems.length > 0 && (
        <ul className="rf-test-call-problems" role="alert">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}

      {last !== null && result !== null && (
        <div ref={resultRef}>
          {last.flow !== flow && <p className="rf-sim-stale">{t('testCall.stale')}</p>}
          <CallResultView flow={flow} result={result}>
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
                    node: nodeName(flow, current, translator),
                  })}
                </p>
              )}
            </div>
          </CallResultView>
          <details className="rf-sim-details">
            <summary>{t('testCall.scenario')}</summary>
            <pre className="rf-sim-json">{JSON.stringify(last.scenario, null, 2)}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
