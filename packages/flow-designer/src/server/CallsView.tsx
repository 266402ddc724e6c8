import { isCallOutcome } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import { useEffect, useId, useMemo, useState } from 'react';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { sampleNumbers } from '../simulation/call-setup.js';
import { CallResultView } from '../simulation/CallResultView.js';
import { agentName } from '../simulation/describe-call.js';
import { useRemembered } from '../simulation/remember.js';
import type { ServerClient, ServerProblem } from './api-client.js';
import type { CallRecord } from './api-types.js';
import { formatShortDateTime, formatTime } from './format.js';
import { useServerTranslator } from './i18n.js';
import { ProblemAlert } from './ProblemMessage.js';
import { useServerQuery } from './useServerQuery.js';
import type { OpenRequest } from './useServerSession.js';

/** How often the last calls are read again while shown, in ms. */
export const CALLS_REFRESH_MS = 10_000;

/** How many recent calls are shown. */
export const CALLS_SHOWN = 25;

/** Props of {@link CallsView}. */
export interface CallsViewProps {
  readonly client: ServerClient;
  readonly flowId: string;
  /** The open flow: names of nodes and agents, and the canvas the path is shown on. */
  readonly flow: FlowDocument;
  /** The version open read-only, undefined for the draft. */
  readonly openVersion: number | undefined;
  /** The server draft the open document was loaded from or saved as. */
  readonly draftSha256: string | null;
  /** The open document has unsaved changes. */
  readonly dirty: boolean;
  readonly revision: number;
  readonly busy: boolean;
  readonly onOpen: (flowId: string, what: OpenRequest) => void;
  readonly onHighlight?: ((highlight: CanvasHighlight | null) => void) | undefined;
  /** Refresh period; default {@link CALLS_REFRESH_MS}. */
  readonly refreshMs?: number;
}

/** Whether the page is shown (a hidden tab reads nothing). */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * The last calls the server ran on this flow, newest first, read again every few seconds while
 * shown: time, caller, outcome, who answered, duration and the version that ran. Choosing one
 * lights its path up on the canvas (as the test call panel does) and shows its legs, poll answers
 * and timeline. A test call can be placed on the server's simulated PBX from here.
 */
export function CallsView({
  client,
  flowId,
  flow,
  openVersion,
  draftSha256,
  dirty,
  revision,
  busy,
  onOpen,
  onHighlight,
  refreshMs = CALLS_REFRESH_MS,
}: CallsViewProps) {
  const translator = useServerTranslator();
  const { t, locale } = translator;
  const [auto, setAuto] = useRemembered<boolean>('server:calls:auto', () => true);
  const [chosen, setChosen] = useRemembered<string | null>(`server:calls:${flowId}`, () => null);
  const [tick, setTick] = useState(0);
  const visible = usePageVisible();
  const records = useServerQuery(
    (signal) => client.records(flowId, CALLS_SHOWN, signal),
    `${client.url}:${flowId}:${revision}:${tick}`,
  );

  useEffect(() => {
    if (!auto || !visible) return;
    const timer = setInterval(() => setTick((n) => n + 1), refreshMs);
    return () => clearInterval(timer);
  }, [auto, visible, refreshMs]);

  // Which version is in service, to tell whether a call ran what the canvas shows.
  const summary = useServerQuery(
    (signal) => client.getFlow(flowId, signal),
    `${client.url}:${flowId}:${revision}`,
  );
  const latest = summary.value?.latest ?? null;
  const list = records.value?.records ?? [];
  const selected = list.find((record) => record.callId === chosen);

  useEffect(() => {
    const path = selected?.path;
    onHighlight?.(path === undefined || path.length === 0 ? null : { path, step: path.length - 1 });
  }, [selected, onHighlight]);

  return (
    <div className="rf-server-calls">
      <div className="rf-server-toolbar">
        <button type="button" onClick={records.reload} disabled={records.loading}>
          {records.loading ? t('server.loading') : t('server.refresh')}
        </button>
        <label className="rf-server-inline">
          <input type="checkbox" checked={auto} onChange={(event) => setAuto(event.target.checked)} />
          {t('server.calls.auto', { seconds: Math.round(refreshMs / 1000) })}
        </label>
        {records.readAt !== undefined && (
          <span className="rf-hint">
            {t('server.calls.readAt', { time: formatTime(new Date(records.readAt).toISOString(), locale) })}
          </span>
        )}
      </div>
      {records.problem !== undefined && <ProblemAlert problem={records.problem} url={client.url} />}
      {records.value !== undefined && list.length === 0 && <p>{t('server.calls.none')}</p>}
      {list.length > 0 && (
        <table className="rf-server-table rf-server-calls-table">
          <caption>{t('server.calls.caption', { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('server.calls.time')}</th>
              <th scope="col">{t('server.calls.caller')}</th>
              <th scope="col">{t('server.calls.outcome')}</th>
              <th scope="col">{t('server.calls.duration')}</th>
              <th scope="col">{t('server.calls.version')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((record) => {
              const isChosen = record.callId === chosen;
              return (
                <tr
                  key={record.callId}
                  data-call={record.callId}
                  className={isChosen ? 'rf-server-chosen' : undefined}
                >
                  <td>
                    <button
                      type="button"
                      className="rf-server-link"
                      aria-pressed={isChosen}
                      title={t('server.calls.show')}
                      onClick={() => setChosen(isChosen ? null : record.callId)}
                    >
                      <time dateTime={record.startedAt}>
                        {formatShortDateTime(record.startedAt, locale, flow.timezone)}
                      </time>
                    </button>
                  </td>
                  <td>{record.from ?? t('simulation.hiddenNumber')}</td>
                  <td data-outcome={record.outcome}>
                    <span className={`rf-sim-swatch rf-sim-${record.outcome}`} aria-hidden="true" />
                    {isCallOutcome(record.outcome)
                      ? t(`simulation.outcome.${record.outcome}`)
                      : record.outcome}
                    {record.answeredBy !== null && (
                      <span className="rf-server-answered-by">
                        {t('server.calls.by', { agent: agentName(flow, record.answeredBy) })}
                      </span>
                    )}
                  </td>
                  <td>{t('testCall.seconds', { seconds: record.durationSeconds })}</td>
                  <td>{record.flowVersion === null ? t('server.none') : `v${record.flowVersion}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {records.value !== undefined && records.value.damagedLines > 0 && (
        <p className="rf-hint">{t('server.calls.damaged', { count: records.value.damagedLines })}</p>
      )}
      {selected !== undefined && (
        <CallDetails
          record={selected}
          flow={flow}
          flowId={flowId}
          openVersion={openVersion}
          // The draft as saved is the version in service: the canvas shows what the call ran.
          shownVersion={
            openVersion ??
            (!dirty && latest !== null && latest.sha256 === draftSha256 ? latest.version : undefined)
          }
          busy={busy}
          onOpen={onOpen}
        />
      )}
      <ServerTestCall
        client={client}
        flowId={flowId}
        flow={flow}
        onPlaced={(record) => {
          setChosen(record.callId);
          records.reload();
        }}
      />
    </div>
  );
}

/** One call of the list, in detail; says so when it ran another version than the one on the canvas. */
function CallDetails({
  record,
  flow,
  flowId,
  openVersion,
  shownVersion,
  busy,
  onOpen,
}: {
  readonly record: CallRecord;
  readonly flow: FlowDocument;
  readonly flowId: string;
  readonly openVersion: number | undefined;
  /** The version whose content the canvas shows, when known. */
  readonly shownVersion: number | undefined;
  readonly busy: boolean;
  readonly onOpen: (flowId: string, what: OpenRequest) => void;
}) {
  const { t } = useServerTranslator();
  const ran = typeof record.flowVersion === 'number' ? record.flowVersion : Number(record.flowVersion);
  const other = Number.isInteger(ran) && ran > 0 && ran !== shownVersion;
  return (
    <section className="rf-server-call" aria-label={t('server.calls.details', { id: record.callId })}>
      <h3>{t('server.calls.details', { id: record.callId })}</h3>
      {other && (
        <p className="rf-server-note">
          {openVersion === undefined
            ? t('server.calls.otherVersionDraft', { version: ran })
            : t('server.calls.otherVersion', { version: ran, open: openVersion })}{' '}
          <button
            type="button"
            disabled={busy}
            onClick={() => onOpen(flowId, { version: ran, readOnly: true })}
          >
            {t('server.calls.openVersion', { version: ran })}
          </button>
        </p>
      )}
      {record.terminated !== undefined && (
        <p className="rf-server-note">
          {t('server.calls.terminated')} <code>{record.terminated.reason}</code>{' '}
          {record.terminated.message ?? ''}
        </p>
      )}
      <CallResultView flow={flow} result={record} headingLevel={4} />
    </section>
  );
}

/** A call placed on the server's simulated PBX, on a number that the routing table sends to this flow. */
function ServerTestCall({
  client,
  flowId,
  flow,
  onPlaced,
}: {
  readonly client: ServerClient;
  readonly flowId: string;
  readonly flow: FlowDocument;
  readonly onPlaced: (record: CallRecord) => void;
}) {
  const { t } = useServerTranslator();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const routes = useServerQuery(open ? (signal) => client.routes(signal) : null, `${client.url}:${open}`);
  const numbers = useMemo(
    () =>
      Object.entries(routes.value?.routes ?? {})
        .filter(([, target]) => target === flowId)
        .map(([number]) => number),
    [routes.value, flowId],
  );
  const [to, setTo] = useState('');
  const [from, setFrom] = useState(() => sampleNumbers(flow).from);
  const [placing, setPlacing] = useState(false);
  const [problem, setProblem] = useState<ServerProblem | undefined>();
  const called = numbers.includes(to) ? to : (numbers[0] ?? '');

  const place = async () => {
    setPlacing(true);
    setProblem(undefined);
    const placed = await client.testCall({
      call: { from: from.trim() === '' ? null : from.trim(), to: called, at: new Date().toISOString() },
    });
    setPlacing(false);
    if (placed.ok) onPlaced(placed.value);
    else setProblem(placed.problem);
  };

  return (
    <details
      className="rf-server-test-call"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('server.testCall.title')}</summary>
      <p className="rf-hint">{t('server.testCall.intro')}</p>
      {routes.problem !== undefined && <ProblemAlert problem={routes.problem} url={client.url} />}
      {routes.value !== undefined && numbers.length === 0 ? (
        <p>{t('server.testCall.noRoute', { id: flowId })}</p>
      ) : (
        <form
          className="rf-server-form"
          onSubmit={(event) => {
            event.preventDefault();
            void place();
          }}
        >
          <label htmlFor={`${ids}-to`}>{t('server.testCall.to')}</label>
          <select id={`${ids}-to`} value={called} onChange={(event) => setTo(event.target.value)}>
            {numbers.map((number) => (
              <option key={number} value={number}>
                {number}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-from`}>{t('server.testCall.from')}</label>
          <input
            id={`${ids}-from`}
            type="tel"
            value={from}
            aria-describedby={`${ids}-from-hint`}
            onChange={(event) => setFrom(event.target.value)}
          />
          <span id={`${ids}-from-hint`} className="rf-hint">
            {t('server.testCall.from.hint')}
          </span>
          <div className="rf-server-actions">
            <button type="submit" disabled={placing || called === ''}>
              {placing ? t('server.testCall.placing') : t('server.testCall.place')}
            </button>
          </div>
          {problem !== undefined && <ProblemAlert problem={problem} url={client.url} />}
        </form>
      )}
    </details>
  );
}
