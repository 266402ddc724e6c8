import { getNodeKind } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
} from '@xyflow/react';
import type { ColorMode, Edge, EdgeChange, NodeChange } from '@xyflow/react';
import { produce } from 'immer';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { NODE_TYPES } from '../nodes/index.js';
import type { DesignerNode } from '../nodes/index.js';
import { CATEGORY_COLOURS } from '../nodes/NodeShell.js';
import { groupIssues, mergeCanvasState, toCanvasEdges, toCanvasNodes } from './flow-elements.js';

export interface FlowCanvasProps {
  readonly flow: FlowDocument;
  /** Receives the new document after an edit (a node moved). */
  readonly onChange?: (flow: FlowDocument) => void;
  /** flow-core issues of `flow`, shown as badges on their node or edge. */
  readonly issues: readonly FlowIssue[];
  readonly colorMode?: ColorMode;
  /** A call played back on the canvas: the nodes of `path` up to `step` are lit, `path[step]` most. */
  readonly highlight?: CanvasHighlight | null;
}

/** The path of a simulated call (node ids in the order entered) and the step being shown. */
export interface CanvasHighlight {
  readonly path: readonly string[];
  readonly step: number;
}

/** Lights the visited nodes and the edges taken, between consecutive steps, up to `highlight.step`. */
function applyHighlight(
  nodes: DesignerNode[],
  edges: Edge[],
  highlight: CanvasHighlight | null | undefined,
): { nodes: DesignerNode[]; edges: Edge[] } {
  if (highlight === null || highlight === undefined) return { nodes, edges };
  const walked = highlight.path.slice(0, highlight.step + 1);
  const visited = new Set(walked);
  const current = walked.at(-1);
  const taken = new Set(walked.slice(1).map((target, index) => `${walked[index]}>${target}`));
  return {
    nodes: nodes.map((node) =>
      visited.has(node.id)
        ? { ...node, className: node.id === current ? 'rf-node-visited rf-node-current' : 'rf-node-visited' }
        : node,
    ),
    edges: edges.map((edge) =>
      taken.has(`${edge.source}>${edge.target}`)
        ? { ...edge, animated: true, className: `${edge.className ?? ''} rf-edge-taken`.trim() }
        : edge,
    ),
  };
}

// The examples are laid out on a 40 px grid; a 20 px snap keeps them aligned when a node moves.
const SNAP_GRID: [number, number] = [20, 20];

/** The flow drawn with React Flow: nodes by kind, edges labelled by port, minimap, controls, grid. */
export function FlowCanvas({ flow, onChange, issues, colorMode = 'light', highlight }: FlowCanvasProps) {
  const { locale } = useTranslator();
  const grouped = useMemo(() => groupIssues(issues), [issues]);
  const [nodes, setNodes] = useState<DesignerNode[]>(() => toCanvasNodes(flow, grouped));
  const [edges, setEdges] = useState<Edge[]>(() => toCanvasEdges(flow, grouped, locale));

  // The document is the source of truth; React Flow's own knowledge (sizes, selection) is kept.
  useEffect(() => {
    setNodes((previous) => mergeCanvasState(previous, toCanvasNodes(flow, grouped)));
    setEdges((previous) => mergeCanvasState(previous, toCanvasEdges(flow, grouped, locale)));
  }, [flow, grouped, locale]);

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      // A move is written to the document when it ends (drag stop, keyboard nudge), not every frame.
      const moves = changes.flatMap((change) =>
        change.type === 'position' && change.position !== undefined && change.dragging !== true
          ? [{ id: change.id, position: change.position }]
          : [],
      );
      if (moves.length === 0 || onChange === undefined) return;
      onChange(
        produce(flow, (draft) => {
          for (const move of moves) {
            const node = draft.nodes.find((n) => n.id === move.id);
            if (node !== undefined) node.position = { x: move.position.x, y: move.position.y };
          }
        }),
      );
    },
    [flow, onChange],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) => applyEdgeChanges(changes, current));
  }, []);

  const minimapColour = useCallback((node: DesignerNode) => {
    const kind = getNodeKind(node.data.node.kind);
    return kind === undefined ? '#828282' : CATEGORY_COLOURS[kind.category];
  }, []);

  // The highlight is drawn over the canvas state, never stored in it.
  const shown = useMemo(() => applyHighlight(nodes, edges, highlight), [nodes, edges, highlight]);

  return (
    <ReactFlow<DesignerNode, Edge>
      nodes={shown.nodes}
      edges={shown.edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      nodesConnectable={false}
      colorMode={colorMode}
      snapToGrid
      snapGrid={SNAP_GRID}
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      fitView
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={SNAP_GRID[0]} />
      <MiniMap<DesignerNode> pannable zoomable nodeColor={minimapColour} />
      <Controls />
    </ReactFlow>
  );
}
