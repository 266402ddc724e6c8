import { getNodeKind, NODE_CATEGORIES, NODE_KIND_IDS } from '@ringflow/flow-core';
import type {
  FlowDocument,
  FlowIssue,
  FlowNode,
  NodeCategory,
  NodeKindId,
  PortSpec,
} from '@ringflow/flow-core';
import { useId, useRef, useState } from 'react';
import { addNode, connect, disconnect, placeNextTo } from '../editor/operations.js';
import { useEditor, useIssues } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import type { Translator } from '../i18n/i18n.js';
import { FieldFrame } from './fields.js';
import { nodeIssues } from './issues.js';
import './inspector.css';

/** The value of the "new step…" choice; node ids start with a letter, so it is never one. */
const NEW_STEP = '__new';

/** A node as the admin names it: its label, else its id. */
export function nodeName(node: FlowNode): string {
  return node.label ?? node.id;
}

/** "Name – kind title", as the target lists show a node. */
function nodeOption(node: FlowNode, { t, text }: Translator, self: boolean): string {
  const kind = getNodeKind(node.kind);
  const params = { name: nodeName(node), kind: kind === undefined ? node.kind : text(kind.title) };
  return self ? t('inspector.next.self', params) : t('inspector.next.option', params);
}

/** Every kind, by palette category, for the "new step" choice. */
function kindsByCategory(): [NodeCategory, NodeKindId[]][] {
  const categories = Object.keys(NODE_CATEGORIES) as NodeCategory[];
  return categories
    .map((category): [NodeCategory, NodeKindId[]] => [
      category,
      NODE_KIND_IDS.filter((id) => getNodeKind(id)?.category === category),
    ])
    .filter(([, kinds]) => kinds.length > 0);
}

/** What an output does when nothing is connected to it. */
function unconnectedText(port: PortSpec, ports: readonly PortSpec[], { t, text }: Translator): string {
  const fallback = port.fallback === undefined ? undefined : ports.find((p) => p.id === port.fallback);
  if (fallback !== undefined) return t('inspector.next.fallback', { port: text(fallback.label) });
  return port.terminalSafe === true ? t('inspector.next.notConnectedSafe') : t('inspector.next.notConnected');
}

/** Props of {@link NextSteps}. */
export interface NextStepsProps {
  /** The node whose outputs are shown. */
  readonly nodeId: string;
}

/**
 * Where the call goes after a node, output by output: a select per output of every other step of the
 * flow, "not connected", or a new step of a chosen kind (added to the right and connected in one undo
 * step). This is how an admin who works with the keyboard alone connects the flow.
 */
export function NextSteps({ nodeId }: NextStepsProps) {
  const { flow } = useEditor();
  const issues = useIssues();
  const { t } = useTranslator();
  const headingId = useId();
  const node = flow.nodes.find((n) => n.id === nodeId);
  const kind = node === undefined ? undefined : getNodeKind(node.kind);
  if (node === undefined || kind === undefined) return null;
  const ports = kind.portsOf(node.config as never);
  const byPort = nodeIssues(issues, flow, node.id, ports).ports;
  return (
    <section className="rf-next-steps" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('inspector.next.title')}</h3>
      {ports.length === 0 ? (
        <p className="rf-muted">{t('inspector.next.none')}</p>
      ) : (
        <ul className="rf-next-step-list">
          {ports.map((port) => (
            <li key={port.id}>
              <PortTarget
                flow={flow}
                node={node}
                port={port}
                ports={ports}
                issues={byPort.get(port.id) ?? []}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PortTarget({
  flow,
  node,
  port,
  ports,
  issues,
}: {
  readonly flow: FlowDocument;
  readonly node: FlowNode;
  readonly port: PortSpec;
  readonly ports: readonly PortSpec[];
  readonly issues: readonly FlowIssue[];
}) {
  const editor = useEditor();
  const translator = useTranslator();
  const { t, text } = translator;
  const id = useId();
  const selectRef = useRef<HTMLSelectElement>(null);
  const [creating, setCreating] = useState(false);
  const [newKind, setNewKind] = useState<NodeKindId>(NODE_KIND_IDS[0]!);
  const portLabel = text(port.label);
  const target = flow.edges.find((edge) => edge.source === node.id && edge.port === port.id)?.target;
  const targetNode = target === undefined ? undefined : flow.nodes.find((n) => n.id === target);
  const choices = flow.nodes.filter((n) => n.id !== node.id || n.id === target);

  const choose = (value: string) => {
    if (value === NEW_STEP) {
      setCreating(true);
      return;
    }
    setCreating(false);
    // Arrowing through a closed select changes it at each key on some systems: one undo step.
    const mergeKey = `${node.id}:next.${port.id}`;
    if (value === '') editor.edit((draft) => disconnect(draft, node.id, port.id), { mergeKey });
    else editor.edit((draft) => connect(draft, node.id, port.id, value), { mergeKey });
  };

  const create = () => {
    editor.edit((draft) => {
      const added = addNode(draft, newKind, placeNextTo(draft, [node.id]));
      connect(draft, node.id, port.id, added);
    });
    setCreating(false);
    selectRef.current?.focus();
  };

  const cancel = () => {
    setCreating(false);
    selectRef.current?.focus();
  };

  return (
    <FieldFrame
      label={t('inspector.next.port', { port: portLabel })}
      issues={issues}
      actions={
        targetNode !== undefined &&
        !creating && (
          <button
            type="button"
            className="rf-goto-button"
            onClick={() => editor.select({ nodes: [targetNode.id], edges: [] })}
          >
            {t('inspector.next.goTo', { name: nodeName(targetNode) })}
          </button>
        )
      }
    >
      {(control) => (
        <div className="rf-next-step">
          <select
            {...control}
            ref={selectRef}
            value={creating ? NEW_STEP : (target ?? '')}
            onChange={(event) => choose(event.target.value)}
          >
            <option value="">{unconnectedText(port, ports, translator)}</option>
            {target !== undefined && targetNode === undefined && (
              <option value={target}>{t('inspector.edge.unknownNode', { id: target })}</option>
            )}
            {choices.length > 0 && (
              <optgroup label={t('inspector.next.steps')}>
                {choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {nodeOption(choice, translator, choice.id === node.id)}
                  </option>
                ))}
              </optgroup>
            )}
            <option value={NEW_STEP}>{t('inspector.next.new')}</option>
          </select>
          {creating && (
            <div
              className="rf-new-step"
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.stopPropagation();
                  cancel();
                }
              }}
            >
              <label htmlFor={`${id}-kind`}>{t('inspector.next.newKind', { port: portLabel })}</label>
              <div className="rf-field-row">
                <select
                  id={`${id}-kind`}
                  value={newKind}
                  onChange={(event) => setNewKind(event.target.value as NodeKindId)}
                >
                  {kindsByCategory().map(([category, kinds]) => (
                    <optgroup key={category} label={text(NODE_CATEGORIES[category])}>
                      {kinds.map((kindId) => (
                        <option key={kindId} value={kindId}>
                          {text(getNodeKind(kindId)!.title)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <button type="button" onClick={create}>
                  {t('inspector.next.create')}
                </button>
                <button type="button" onClick={cancel}>
                  {t('inspector.next.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </FieldFrame>
  );
}
