import { getNodeKind } from '@ringflow/flow-core';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { connect, deleteElements, disconnect, findNode } from '../editor/operations.js';
import { useEditor, useIssues } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { ConfigForm, configFieldNames } from './ConfigForm.js';
import { EmptyInspector } from './EmptyInspector.js';
import { FieldFrame, IssueMessages, plain } from './fields.js';
import { edgeIssues, nodeIssues, ownIssues } from './issues.js';
import { NextSteps, nodeName } from './NextSteps.js';

/*
 * The forms of the Properties panel for one step or one connection. Loaded on demand (Inspector.tsx):
 * they bring the config forms and the library editors, which the page does not need before a step
 * is selected.
 */

/** Text from flow-core with its `code` spans (port ids in kind descriptions) shown as code. */
function withCode(text: string): ReactNode[] {
  return text
    .split(/`([^`]+)`/)
    .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

export function NodeInspector({
  nodeId,
  onDeleted,
}: {
  readonly nodeId: string;
  readonly onDeleted: () => void;
}) {
  const { flow, edit } = useEditor();
  const issues = useIssues();
  const { t, text } = useTranslator();
  const settingsId = useId();
  const entryRef = useRef<HTMLParagraphElement>(null);
  const [focusEntry, setFocusEntry] = useState(false);
  useEffect(() => {
    if (!focusEntry) return;
    setFocusEntry(false);
    entryRef.current?.focus();
  }, [focusEntry]);

  const node = flow.nodes.find((n) => n.id === nodeId);
  if (node === undefined) return <EmptyInspector />;
  const kind = getNodeKind(node.kind);
  const ports = kind?.portsOf(node.config as never) ?? [];
  const placed = nodeIssues(issues, flow, node.id, ports);
  const fields = kind === undefined ? new Set<string>() : configFieldNames(kind);
  // What no field shows (the node as a whole, a key the schema does not know) goes to the top.
  const top = [
    ...placed.other,
    ...plain(ownIssues(placed.config, (key) => typeof key === 'string' && fields.has(key))),
  ];

  return (
    <div className="rf-node-inspector">
      <header className="rf-inspector-header">
        <h2>{kind === undefined ? node.kind : text(kind.title)}</h2>
        {kind !== undefined && <p className="rf-inspector-description">{withCode(text(kind.description))}</p>}
      </header>
      {top.length > 0 && (
        <div className="rf-inspector-problems" role="group" aria-label={t('inspector.problems')}>
          <IssueMessages id={`${settingsId}-problems`} issues={top} />
        </div>
      )}
      <FieldFrame label={t('inspector.node.id')} help={t('inspector.node.idHelp')} issues={placed.id}>
        {(control) => <input {...control} type="text" readOnly value={node.id} className="rf-readonly" />}
      </FieldFrame>
      <FieldFrame
        label={t('inspector.node.label')}
        help={t('inspector.node.labelHelp')}
        issues={placed.label}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={200}
            value={node.label ?? ''}
            placeholder={node.id}
            onChange={(event) => {
              const label = event.target.value;
              edit(
                (draft) => {
                  const target = findNode(draft, node.id);
                  if (target === undefined) return;
                  if (label === '') delete target.label;
                  else target.label = label;
                },
                { mergeKey: `${node.id}:label` },
              );
            }}
          />
        )}
      </FieldFrame>
      {flow.entry === node.id ? (
        <p className="rf-entry-status" ref={entryRef} tabIndex={-1}>
          <span aria-hidden="true">▶ </span>
          {t('inspector.node.isEntry')}
        </p>
      ) : (
        <p>
          <button
            type="button"
            onClick={() => {
              edit((draft) => {
                draft.entry = node.id;
              });
              setFocusEntry(true);
            }}
          >
            {t('inspector.node.makeEntry')}
          </button>
        </p>
      )}
      {kind === undefined ? (
        <>
          <p className="rf-field-issue rf-field-issue-error">
            {t('inspector.node.unknownKind', { kind: node.kind })}
          </p>
          <pre className="rf-raw-config">{JSON.stringify(node.config, null, 2)}</pre>
        </>
      ) : (
        <section className="rf-inspector-settings" aria-labelledby={settingsId}>
          <h3 id={settingsId}>{t('inspector.settings')}</h3>
          <ConfigForm node={node} kind={kind} issues={placed.config} />
        </section>
      )}
      <NextSteps nodeId={node.id} />
      <p className="rf-inspector-footer">
        <button
          type="button"
          className="rf-danger-button"
          onClick={() => {
            edit((draft) => deleteElements(draft, { nodes: [node.id], edges: [] }));
            onDeleted();
          }}
        >
          {t('inspector.node.delete')}
        </button>
      </p>
    </div>
  );
}

export function EdgeInspector({
  edgeId,
  onDeleted,
}: {
  readonly edgeId: string;
  readonly onDeleted: () => void;
}) {
  const editor = useEditor();
  const { flow, edit } = editor;
  const issues = useIssues();
  const translator = useTranslator();
  const { t, text } = translator;
  const edge = flow.edges.find((e) => e.id === edgeId);
  if (edge === undefined) return <EmptyInspector />;
  const source = flow.nodes.find((n) => n.id === edge.source);
  const target = flow.nodes.find((n) => n.id === edge.target);
  const kind = source === undefined ? undefined : getNodeKind(source.kind);
  const port = kind?.portsOf(source!.config as never).find((p) => p.id === edge.port);
  const problems = edgeIssues(issues, flow, edge.id);
  const goTo = (id: string) => editor.select({ nodes: [id], edges: [] });

  return (
    <div className="rf-edge-inspector">
      <header className="rf-inspector-header">
        <h2>{t('inspector.edge.title')}</h2>
      </header>
      <dl className="rf-edge-summary">
        <dt>{t('inspector.edge.from')}</dt>
        <dd>
          {source === undefined ? (
            t('inspector.edge.unknownNode', { id: edge.source })
          ) : (
            <>
              {nodeName(source)}
              {kind !== undefined && <span className="rf-muted"> – {text(kind.title)}</span>}{' '}
              <button type="button" className="rf-goto-button" onClick={() => goTo(source.id)}>
                {t('inspector.next.goTo', { name: nodeName(source) })}
              </button>
            </>
          )}
        </dd>
        <dt>{t('inspector.edge.port')}</dt>
        <dd>{port === undefined ? edge.port : text(port.label)}</dd>
      </dl>
      <FieldFrame
        label={t('inspector.edge.target')}
        issues={problems}
        actions={
          target !== undefined && (
            <button type="button" className="rf-goto-button" onClick={() => goTo(target.id)}>
              {t('inspector.next.goTo', { name: nodeName(target) })}
            </button>
          )
        }
      >
        {(control) => (
          <select
            {...control}
            value={edge.target}
            onChange={(event) => {
              const next = event.target.value;
              edit((draft) => connect(draft, edge.source, edge.port, next), {
                mergeKey: `${edge.id}:target`,
              });
            }}
          >
            {target === undefined && (
              <option value={edge.target}>{t('inspector.edge.unknownNode', { id: edge.target })}</option>
            )}
            {flow.nodes.map((node) => {
              const nodeKind = getNodeKind(node.kind);
              const params = {
                name: nodeName(node),
                kind: nodeKind === undefined ? node.kind : text(nodeKind.title),
              };
              return (
                <option key={node.id} value={node.id}>
                  {node.id === edge.source
                    ? t('inspector.next.self', params)
                    : t('inspector.next.option', params)}
                </option>
              );
            })}
          </select>
        )}
      </FieldFrame>
      <p className="rf-inspector-footer">
        <button
          type="button"
          className="rf-danger-button"
          onClick={() => {
            edit((draft) => disconnect(draft, edge.source, edge.port));
            onDeleted();
          }}
        >
          {t('inspector.edge.remove')}
        </button>
      </p>
    </div>
  );
}
