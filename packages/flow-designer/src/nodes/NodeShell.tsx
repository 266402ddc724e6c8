import { NODE_CATEGORIES, getNodeKind } from '@ringflow/flow-core';
import type { NodeCategory } from '@ringflow/flow-core';
import { Handle, Position } from '@xyflow/react';
import { useContext } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { CanvasDetailContext, fullHeightOf, portLineMiddle } from './detail.js';
import type { AnySummary, DesignerNodeData } from './facet.js';
import { FlowLibraryContext } from './library.js';
import './nodes.css';

/** The colour of each palette category, used for the node's header. */
export const CATEGORY_COLOURS: Readonly<Record<NodeCategory, string>> = {
  // Dark enough for white header text at 4.5:1 (WCAG AA).
  prompts: '#1d5fbf',
  conditions: '#7a35b8',
  calls: '#1b7a43',
  endings: '#b83232',
};

export interface NodeShellProps {
  readonly data: DesignerNodeData;
  readonly selected?: boolean;
  readonly Summary: AnySummary;
}

/**
 * What every node shows: the localized kind title and the node's label in the category colour, its
 * error and warning badges, the kind's summary, an input handle, and one labelled output handle per
 * port (ports come from flow-core, derived from the config). Zoomed out below the readable, only its
 * frame, header colour and handles, at the same places (detail.ts).
 */
export function NodeShell({ data, selected = false, Summary }: NodeShellProps) {
  const translator = useTranslator();
  const { t, text } = translator;
  const { node, issues, isEntry } = data;
  const library = useContext(FlowLibraryContext);
  const kind = getNodeKind(node.kind);
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - errors;
  const ports = kind === undefined ? [] : kind.portsOf(node.config);
  const colour = kind === undefined ? '#828282' : CATEGORY_COLOURS[kind.category];
  const detailed = useContext(CanvasDetailContext);
  const className = `rf-node${selected ? ' rf-node-selected' : ''}${errors > 0 ? ' rf-node-error' : ''}`;
  if (!detailed) {
    const height = fullHeightOf(node, ports.length);
    return (
      <div
        className={`${className} rf-node-compact`}
        data-kind={node.kind}
        style={{ borderColor: colour, height: height - 4 }}
      >
        <Handle type="target" position={Position.Left} aria-hidden="true" />
        <div className="rf-node-header" style={{ background: colour }} />
        {ports.map((port, index) => (
          <Handle
            key={port.id}
            type="source"
            position={Position.Right}
            id={port.id}
            aria-hidden="true"
            style={{ top: portLineMiddle(height, ports.length, index) }}
          />
        ))}
      </div>
    );
  }
  return (
    <div className={className} data-kind={node.kind} style={{ borderColor: colour }}>
      {/* Handles are for the mouse; the keyboard connects ports with the inspector's next steps. */}
      <Handle type="target" position={Position.Left} aria-hidden="true" />
      <header className="rf-node-header" style={{ background: colour }}>
        <span className="rf-node-kind" title={kind === undefined ? '' : text(NODE_CATEGORIES[kind.category])}>
          {kind === undefined ? node.kind : text(kind.title)}
        </span>
        {isEntry && <span className="rf-node-entry">{t('node.entry')}</span>}
        {errors > 0 && (
          <span className="rf-badge rf-badge-error" aria-label={t('badge.errors', { count: errors })}>
            ⛔ {errors}
          </span>
        )}
        {warnings > 0 && (
          <span className="rf-badge rf-badge-warning" aria-label={t('badge.warnings', { count: warnings })}>
            ⚠ {warnings}
          </span>
        )}
      </header>
      <div className="rf-node-label">{node.label ?? node.id}</div>
      <div className="rf-node-summary">
        <Summary config={node.config} flow={library} />
      </div>
      {ports.length > 0 && (
        <ul className="rf-node-ports">
          {ports.map((port) => (
            <li key={port.id} className="rf-node-port" data-port={port.id}>
              {text(port.label)}
              <Handle type="source" position={Position.Right} id={port.id} aria-hidden="true" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
