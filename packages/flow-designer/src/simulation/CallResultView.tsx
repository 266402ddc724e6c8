import type { CallResult, FlowDocument } from '@ringflow/flow-core';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { intlLocale } from './call-setup.js';
import { agentName, describeEvent, legStatus, legTarget, missedReason, nodeName } from './describe-call.js';
import './simulation.css';

/** Props of {@link CallResultView}. */
export interface CallResultViewProps {
  readonly flow: FlowDocument;
  readonly result: CallResult;
  /** Level of the headings inside (the panel around it has the level above). */
  readonly headingLevel?: 3 | 4;
  /** Shown right under the outcome (the test call's playback controls). */
  readonly children?: ReactNode;
}

function timeFormat(locale: string, timezone: string): (iso: string) => string {
  try {
    const format = new Intl.DateTimeFormat(locale, {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    return (iso) => format.format(Date.parse(iso));
  } catch {
    return (iso) => iso.slice(11, 19);
  }
}

/**
 * One simulated call as an admin reads it: outcome and reason, who answered, waits, the legs rung
 * with their statuses, the poll answers and the timeline, in the designer's language and with the
 * flow's node labels and agent names. Times are wall-clock times of the flow's zone.
 */
export function CallResultView({ flow, result, headingLevel = 3, children }: CallResultViewProps) {
  const translator = useTranslator();
  const { t, locale } = translator;
  const time = useMemo(() => timeFormat(intlLocale(locale), flow.timezone), [locale, flow.timezone]);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const seconds = (value: number) => t('testCall.seconds', { seconds: value });
  const start = Date.parse(result.startedAt);
  const reason = missedReason(result, translator);

  return (
    <div className="rf-test-call-result">
      <dl>
        <dt>{t('testCall.outcome')}</dt>
        <dd className="rf-test-call-outcome" data-outcome={result.outcome}>
          <span className={`rf-sim-swatch rf-sim-${result.outcome}`} aria-hidden="true" />
          {t(`simulation.outcome.${result.outcome}`)}
        </dd>
        <dt>{t('testCall.answeredBy')}</dt>
        <dd className="rf-test-call-answered-by">
          {result.answeredBy === null
            ? t('testCall.none')
            : `${agentName(flow, result.answeredBy)} (${result.answeredBy})`}
        </dd>
        <dt>{t('testCall.missedReason')}</dt>
        <dd className="rf-test-call-missed-reason" data-reason={result.missedReason ?? undefined}>
          {reason ?? t('testCall.none')}
        </dd>
        <dt>{t('testCall.wait')}</dt>
        <dd>{seconds(result.waitSeconds)}</dd>
        <dt>{t('testCall.duration')}</dt>
        <dd>{seconds(result.durationSeconds)}</dd>
        {result.voicemail !== undefined && (
          <>
            <dt>{t('testCall.voicemail')}</dt>
            <dd>
              {t('testCall.voicemailLeft', {
                seconds: result.voicemail.seconds,
                mailbox: result.voicemail.mailbox,
              })}
            </dd>
          </>
        )}
        {result.recording !== undefined && (
          <>
            <dt>{t('testCall.recording')}</dt>
            <dd className="rf-test-call-recording">
              {result.recording.optedOut ? t('testCall.recording.optedOut') : t('testCall.recording.kept')}
            </dd>
          </>
        )}
      </dl>
      {children}

      {result.legs.length > 0 && (
        <table className="rf-test-call-legs">
          <caption>{t('testCall.legs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('testCall.leg.node')}</th>
              <th scope="col">{t('testCall.leg.target')}</th>
              <th scope="col">{t('testCall.leg.status')}</th>
              <th scope="col">{t('testCall.leg.ring')}</th>
            </tr>
          </thead>
          <tbody>
            {result.legs.map((leg, index) => (
              <tr key={index}>
                <td>{nodeName(flow, leg.node, translator)}</td>
                <td>{legTarget(flow, leg) || t('testCall.none')}</td>
                <td>
                  {legStatus(leg.status, translator)} <code className="rf-sim-code">{leg.status}</code>
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
              <th scope="col">{t('testCall.poll.question')}</th>
              <th scope="col">{t('testCall.poll.value')}</th>
              <th scope="col">{t('testCall.poll.agent')}</th>
            </tr>
          </thead>
          <tbody>
            {result.polls.map((poll, index) => (
              <tr key={index}>
                <td>
                  {poll.poll} / {poll.question}
                </td>
                <td>{poll.value}</td>
                <td>{poll.agent === null ? t('testCall.none') : agentName(flow, poll.agent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <Heading className="rf-sim-heading">{t('testCall.timeline')}</Heading>
      <ol className="rf-test-call-timeline">
        {result.events.map((event, index) => (
          <li key={index} data-type={event.type}>
            <time dateTime={event.at}>{time(event.at)}</time>{' '}
            <span className="rf-sim-elapsed">
              {t('simulation.elapsed', { seconds: Math.round((Date.parse(event.at) - start) / 1000) })}
            </span>{' '}
            {describeEvent(event, flow, translator)}
          </li>
        ))}
      </ol>
    </div>
  );
}
