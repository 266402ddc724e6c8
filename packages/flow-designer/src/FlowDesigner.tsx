import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, Locale } from '@ringflow/flow-core';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { ColorMode } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useState } from 'react';
import { FlowCanvas } from './canvas/FlowCanvas.js';
import type { CanvasHighlight } from './canvas/FlowCanvas.js';
import { DEFAULT_LOCALE, LocaleProvider } from './i18n/i18n.js';
import { ProblemsPanel } from './panels/ProblemsPanel.js';
import { TestCallPanel } from './panels/TestCallPanel.js';
import './styles.css';

/** Props of {@link FlowDesigner}. */
export interface FlowDesignerProps {
  /** The flow document to show, as flow-core parses it (defaults applied). */
  readonly flow: FlowDocument;
  /** Receives the new document after each edit; pass it back as `flow` (a controlled component). */
  readonly onChange?: (flow: FlowDocument) => void;
  /** Language of every label and message. Default `fr`. */
  readonly locale?: Locale;
  /** Light or dark canvas. Default `light`. */
  readonly colorMode?: ColorMode;
}

function DesignerLayout({
  flow,
  onChange,
  locale,
  colorMode,
}: Required<Omit<FlowDesignerProps, 'onChange'>> & Pick<FlowDesignerProps, 'onChange'>) {
  // Every edit is checked again by flow-core; the designer never re-implements a rule.
  const issues = useMemo<readonly FlowIssue[]>(() => {
    const report = validateFlow(flow, { locale });
    return [...report.errors, ...report.warnings];
  }, [flow, locale]);
  const [highlight, setHighlight] = useState<CanvasHighlight | null>(null);
  const { setNodes, getInternalNode, setCenter, getZoom } = useReactFlow();

  const showNode = useCallback(
    (nodeId: string) => {
      setNodes((nodes) => nodes.map((node) => ({ ...node, selected: node.id === nodeId })));
      const node = getInternalNode(nodeId);
      if (node === undefined) return;
      const { x, y } = node.internals.positionAbsolute;
      const width = node.measured.width ?? 0;
      const height = node.measured.height ?? 0;
      void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
    },
    [setNodes, getInternalNode, setCenter, getZoom],
  );

  return (
    <div className={`rf-designer rf-designer-${colorMode}`}>
      <div className="rf-designer-canvas">
        <FlowCanvas
          flow={flow}
          onChange={onChange}
          issues={issues}
          colorMode={colorMode}
          highlight={highlight}
        />
      </div>
      <aside className="rf-designer-side">
        <ProblemsPanel flow={flow} issues={issues} onSelectNode={showNode} />
        <TestCallPanel flow={flow} onHighlight={setHighlight} />
      </aside>
    </div>
  );
}

/**
 * The ringflow flow editor: the flow on a React Flow canvas (one node component per kind, edges
 * labelled by port, minimap, zoom controls, snap to grid), checked by flow-core on every change, with
 * badges on the nodes concerned and a Problems panel whose entries select and centre their node, and a
 * test call panel that runs flow-core's simulator and plays the call's path back on the canvas.
 * Node moves are reported through `onChange` as a new document (the old one is never mutated).
 * It fills its parent, which must have a height.
 *
 * @example
 * import { parseFlow } from '@ringflow/flow-core';
 * import { FlowDesigner } from '@ringflow/flow-designer';
 *
 * function Editor({ json }: { json: unknown }) {
 *   const parsed = parseFlow(json);
 *   const [flow, setFlow] = useState(parsed.flow);
 *   if (flow === undefined) return <p>Invalid flow</p>;
 *   return <FlowDesigner flow={flow} onChange={setFlow} locale="en" />;
 * }
 */
export function FlowDesigner({
  flow,
  onChange,
  locale = DEFAULT_LOCALE,
  colorMode = 'light',
}: FlowDesignerProps) {
  return (
    <LocaleProvider locale={locale}>
      <ReactFlowProvider>
        <DesignerLayout flow={flow} onChange={onChange} locale={locale} colorMode={colorMode} />
      </ReactFlowProvider>
    </LocaleProvider>
  );
}
