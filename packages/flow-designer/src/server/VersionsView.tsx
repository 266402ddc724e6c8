import type { FlowDocument } from '@ringflow/flow-core';
import { Fragment, useId, useState } from 'react';
import { useEditor } from '../editor/useFlowEditor.js';
import { nodeName } from '../simulation/describe-call.js';
import type { ServerClient, ServerProblem } from './api-client.js';
import type { DiffSide, FlowComparison, IdChanges, VersionInfo } from './api-types.js';
import { formatDateTime } from './format.js';
import { useServerTranslator } from './i18n.js';
import type { ServerTranslator } from './i18n.js';
import { ProblemAlert } from './ProblemMessage.js';
import { useServerQuery } from './useServerQuery.js';
import type { OpenRequest } from './useServerSession.js';

/** Props of {@link VersionsView}. */
export interface VersionsViewProps {
  readonly client: ServerClient;
  readonly flowId: string;
  readonly revision: number;
  /** The version open read-only, if one is. */
  readonly openVersion: number | undefined;
  readonly busy: boolean;
  readonly onOpen: (flowId: string, what: OpenRequest) => void;
  readonly onRollback: (version: VersionInfo) => void;
}

/**
 * The published versions of the flow, newest first (the first is the one calls run): number,
 * date, author, comment, and what a rollback republished. Each opens read-only or as the new draft;
 * an older one can be made current again (a rollback). Two versions, or a version and the draft,
 * are compared with the server's diff, and the changes are shown on the canvas.
 */
export function VersionsView({
  client,
  flowId,
  revision,
  openVersion,
  busy,
  onOpen,
  onRollback,
}: VersionsViewProps) {
  const { t, locale } = useServerTranslator();
  const versions = useServerQuery(
    (signal) => client.listVersions(flowId, signal),
    `${client.url}:${flowId}:${revision}`,
  );
  const list = versions.value ?? [];

  return (
    <div className="rf-server-versions">
      <div className="rf-server-toolbar">
        <button type="button" onClick={versions.reload} disabled={versions.loading}>
          {versions.loading ? t('server.loading') : t('server.refresh')}
        </button>
      </div>
      {versions.problem !== undefined && <ProblemAlert problem={versions.problem} url={client.url} />}
      {versions.value !== undefined && list.length === 0 && <p>{t('server.versions.none')}</p>}
      {list.length > 0 && (
        <ol
          className="rf-server-version-list"
          aria-label={t('server.versions.caption', { count: list.length })}
        >
          {list.map((version, index) => (
            <li
              key={version.version}
              data-version={version.version}
              aria-current={version.version === openVersion ? 'true' : undefined}
            >
              <div className="rf-server-version-head">
                <strong>{t('server.versions.number', { version: version.version })}</strong>
                {index === 0 && (
                  <span className="rf-server-badge rf-server-badge-live">{t('server.versions.live')}</span>
                )}
                <time dateTime={version.publishedAt}>{formatDateTime(version.publishedAt, locale)}</time>
                <span>{version.author ?? t('server.versions.noAuthor')}</span>
              </div>
              {version.comment !== null && <p className="rf-server-version-comment">{version.comment}</p>}
              {version.rollbackOf !== null && (
                <p className="rf-hint">{t('server.versions.rollbackOf', { version: version.rollbackOf })}</p>
              )}
              <div className="rf-server-row-actions">
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('server.versions.view.label', { version: version.version })}
                  onClick={() => onOpen(flowId, { version: version.version, readOnly: true })}
                >
                  {t('server.versions.view')}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('server.versions.asDraft.label', { version: version.version })}
                  onClick={() => onOpen(flowId, { version: version.version, readOnly: false })}
                >
                  {t('server.versions.asDraft')}
                </button>
                {index > 0 && (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('server.versions.rollback.label', { version: version.version })}
                    onClick={() => onRollback(version)}
                  >
                    {t('server.versions.rollback')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {list.length > 0 && <CompareForm client={client} flowId={flowId} versions={list} />}
    </div>
  );
}

function sideLabel(side: DiffSide, { t }: ServerTranslator): string {
  return side === 'draft' ? t('server.diff.draft') : t('server.versions.number', { version: side });
}

/** Picks two sides and shows the server's diff of them. */
function CompareForm({
  client,
  flowId,
  versions,
}: {
  readonly client: ServerClient;
  readonly flowId: string;
  readonly versions: readonly VersionInfo[];
}) {
  const translator = useServerTranslator();
  const { t } = translator;
  const ids = useId();
  // By default: what the next publish would change (the version in service against the draft).
  const [from, setFrom] = useState<string>(String(versions[0]?.version ?? 1));
  const [to, setTo] = useState<string>('draft');
  const [result, setResult] = useState<FlowComparison | ServerProblem | undefined>();
  const [running, setRunning] = useState(false);
  const sides: DiffSide[] = ['draft', ...versions.map((v) => v.version)];
  const parse = (value: string): DiffSide => (value === 'draft' ? 'draft' : Number(value));

  const compare = async () => {
    setRunning(true);
    const answer = await client.diff(flowId, parse(from), parse(to));
    setRunning(false);
    setResult(answer.ok ? answer.value : answer.problem);
  };

  return (
    <form
      className="rf-server-compare"
      onSubmit={(event) => {
        event.preventDefault();
        void compare();
      }}
    >
      <fieldset>
        <legend>{t('server.diff.title')}</legend>
        <label htmlFor={`${ids}-from`}>{t('server.diff.from')}</label>
        <select id={`${ids}-from`} value={from} onChange={(event) => setFrom(event.target.value)}>
          {sides.map((side) => (
            <option key={side} value={String(side)}>
              {sideLabel(side, translator)}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-to`}>{t('server.diff.to')}</label>
        <select id={`${ids}-to`} value={to} onChange={(event) => setTo(event.target.value)}>
          {sides.map((side) => (
            <option key={side} value={String(side)}>
              {sideLabel(side, translator)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={running || from === to}>
          {t('server.diff.compare')}
        </button>
      </fieldset>
      {result !== undefined &&
        ('diff' in result ? (
          <DiffView comparison={result} />
        ) : (
          <ProblemAlert problem={result} url={client.url} />
        ))}
    </form>
  );
}

/** The library's collections, with the Library panel's name of each. */
const LIBRARY = [
  ['agents', 'library.agent.tab'],
  ['groups', 'library.group.tab'],
  ['schedules', 'library.schedule.tab'],
  ['sounds', 'library.sound.tab'],
] as const;

function edgeName(flow: FlowDocument, edgeId: string, translator: ServerTranslator): string {
  const edge = flow.edges.find((e) => e.id === edgeId);
  if (edge === undefined) return edgeId;
  return `${nodeName(flow, edge.source, translator)} → ${nodeName(flow, edge.target, translator)}`;
}

/**
 * The differences between two sides, by kind of change. Nodes and edges are named from the open
 * flow when they are in it; those added or changed are selected on the canvas on demand.
 */
export function DiffView({ comparison }: { readonly comparison: FlowComparison }) {
  const translator = useServerTranslator();
  const { t } = translator;
  const editor = useEditor();
  const { flow } = editor;
  const { diff } = comparison;
  const title = t('server.diff.between', {
    from: sideLabel(comparison.from, translator),
    to: sideLabel(comparison.to, translator),
  });
  if (diff.identical) {
    return (
      <div className="rf-server-diff" role="status">
        <h4>{title}</h4>
        <p>{t('server.diff.identical')}</p>
      </div>
    );
  }
  const nodeIds = new Set(flow.nodes.map((n) => n.id));
  const edgeIds = new Set(flow.edges.map((e) => e.id));
  const toShow = {
    nodes: [...diff.nodes.added, ...diff.nodes.changed].filter((id) => nodeIds.has(id)),
    edges: [...diff.edges.added, ...diff.edges.changed].filter((id) => edgeIds.has(id)),
  };
  const group = (label: string, changes: IdChanges, name: (id: string) => string) =>
    changes.added.length + changes.removed.length + changes.changed.length === 0 ? null : (
      <div className="rf-server-diff-group">
        <h5>{label}</h5>
        <ul>
          {(['added', 'removed', 'changed'] as const).flatMap((change) =>
            changes[change].map((id) => (
              <li
                key={`${change}:${id}`}
                className={`rf-server-diff-${change}`}
                data-change={change}
                data-id={id}
              >
                <span className="rf-server-diff-mark">{t(`server.diff.${change}`)}</span> {name(id)}
              </li>
            )),
          )}
        </ul>
      </div>
    );
  return (
    <div className="rf-server-diff" role="status">
      <h4>{title}</h4>
      {group(t('server.diff.nodes'), diff.nodes, (id) => nodeName(flow, id, translator))}
      {group(t('server.diff.edges'), diff.edges, (id) => edgeName(flow, id, translator))}
      {LIBRARY.map(([collection, label]) => (
        <Fragment key={collection}>{group(t(label), diff.library[collection], (id) => id)}</Fragment>
      ))}
      {diff.fields.length > 0 && (
        <p>
          {t('server.diff.fields')}{' '}
          {diff.fields.map((field) => (
            <code key={field}>{field}</code>
          ))}
        </p>
      )}
      {toShow.nodes.length + toShow.edges.length > 0 && (
        <button type="button" onClick={() => editor.select(toShow)}>
          {t('server.diff.show', { count: toShow.nodes.length + toShow.edges.length })}
        </button>
      )}
    </div>
  );
}
