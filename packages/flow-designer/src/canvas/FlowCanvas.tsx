import { NODE_KIND_IDS, getNodeKind } from '@ringflow/flow-core';
import type { FlowIssue, Locale, NodeKindId } from '@ringflow/flow-core';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import type {
  AriaLabelConfig,
  ColorMode,
  Connection,
  Edge,
  EdgeChange,
  NodeChange,
  ReactFlowState,
} from '@xyflow/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, MouseEvent } from 'react';
import { useShownAfterFirstPaint } from '../editor/on-demand.js';
import { addNode, connect, disconnect, moveNodes } from '../editor/operations.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import {
  CanvasDetailContext,
  FlowLibraryContext,
  NODE_TYPES,
  detailedAt,
  rememberFullHeight,
  useFlowLibrary,
} from '../nodes/index.js';
import type { DesignerNode } from '../nodes/index.js';
import { CATEGORY_COLOURS } from '../nodes/NodeShell.js';
import { EDGE_TYPES } from './PortEdge.js';
import {
  createCanvasCache,
  groupIssues,
  mergeCanvasState,
  openingZoom,
  toCanvasEdges,
  toCanvasNodes,
} from './flow-elements.js';

export interface FlowCanvasProps {
  /** flow-core issues of the flow, shown as badges on their node or edge. */
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

/** Whether `value` names a registry kind. */
function isNodeKindId(value: string): value is NodeKindId {
  return (NODE_KIND_IDS as readonly string[]).includes(value);
}

/** React Flow's own accessible texts, in the designer's languages. */
const REACT_FLOW_LABELS: Readonly<Record<Locale, Partial<AriaLabelConfig>>> = {
  fr: {
    'node.a11yDescription.default':
      'Appuyez sur Entrée ou Espace pour sélectionner une étape, sur Suppr pour la supprimer, Échap pour annuler.',
    'node.a11yDescription.keyboardDisabled': 'Appuyez sur Entrée ou Espace pour sélectionner une étape.',
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
      `Étape déplacée vers ${direction}, position x ${x}, y ${y}`,
    'edge.a11yDescription.default': 'Appuyez sur Entrée ou Espace pour sélectionner une liaison.',
    'controls.ariaLabel': 'Contrôles du plan',
    'controls.zoomIn.ariaLabel': 'Zoom avant',
    'controls.zoomOut.ariaLabel': 'Zoom arrière',
    'controls.fitView.ariaLabel': 'Ajuster à la fenêtre',
    'controls.interactive.ariaLabel': 'Verrouiller ou déverrouiller le plan',
    'minimap.ariaLabel': 'Vue d’ensemble',
    'handle.ariaLabel': 'Point de connexion',
  },
  en: {},
};

const DEFAULT_VIEWPORT = { x: 40, y: 40, zoom: 1 };

// The examples are laid out on a 40 px grid; a 20 px snap keeps them aligned when a node moves.
const SNAP_GRID: [number, number] = [20, 20];
/** The most steps a flow may have for its minimap to be drawn with the canvas, not after it. */
const MINIMAP_AT_ONCE_UP_TO = 100;

// Constant props: React Flow compares them by identity on every render of the canvas (every frame of
// a drag), and a new array or object each time would redo work that depends on them.
const MULTI_SELECTION_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: true };

/** The drag-and-drop type of a node kind dragged from the palette. */
export const KIND_DRAG_TYPE = 'application/x-ringflow-kind';

/** The ids selected after React Flow's select changes. */
function toggled(
  selected: readonly string[],
  changes: readonly (NodeChange<DesignerNode> | EdgeChange)[],
): string[] {
  const chosen = new Set(selected);
  for (const change of changes) {
    if (change.type !== 'select') continue;
    if (change.selected) chosen.add(change.id);
    else chosen.delete(change.id);
  }
  return [...chosen];
}

/** Marks the selected elements, as the editor knows them; the same array when nothing changes. */
function withSelection<T extends { id: string; selected?: boolean }>(
  items: T[],
  selected: readonly string[],
): T[] {
  const ids = new Set(selected);
  let changed = false;
  const marked = items.map((item) => {
    if (ids.has(item.id) === (item.selected === true)) return item;
    changed = true;
    return { ...item, selected: ids.has(item.id) };
  });
  return changed ? marked : items;
}

/**
 * Lets the ends of `ids`' edges be dragged to another node. Every other edge has no reconnection
 * anchors (two invisible circles each, 1,500 elements on a 750-edge flow): the edge under the pointer
 * gets them before the pointer reaches an end, as an end lies on the edge.
 */
function withReconnection(edges: Edge[], ids: ReadonlySet<string>): Edge[] {
  if (ids.size === 0) return edges;
  return edges.map((edge) => (ids.has(edge.id) ? { ...edge, reconnectable: true } : edge));
}

/** Whether nodes and edge labels are drawn in full at the canvas's zoom (nodes/detail.ts). */
const detailShown = (state: ReactFlowState) => detailedAt(state.transform[2]);

const MIN_ZOOM = 0.1;

/**
 * The flow drawn with React Flow: nodes by kind, edges labelled by port, minimap, controls, grid.
 * It edits the flow of the nearest editor: moves, connections (drag from a port's handle to a node;
 * a port leads to one node, so a new connection replaces the old one), reconnection of an edge's
 * end, selection, and nodes dropped from the palette.
 */
export function FlowCanvas({ issues, colorMode = 'light', highlight }: FlowCanvasProps) {
  const translator = useTranslator();
  const { t } = translator;
  const editor = useEditor();
  const { flow, edit, selection, select } = editor;
  const { screenToFlowPosition } = useReactFlow();
  const grouped = useMemo(() => groupIssues(issues), [issues]);
  // The flow is framed when it opens; an empty one starts at zoom 1 (React Flow would fit the first
  // node added, at the largest zoom, if the prop turned true later).
  const [fitOnOpen] = useState(() => flow.nodes.length > 0);
  // Before fitView frames the flow, the viewport is at the zoom it will frame it at, as far as the
  // document tells: the nodes are first drawn as they will be shown (in full or compact).
  const [openingViewport] = useState(() =>
    fitOnOpen
      ? {
          x: 0,
          y: 0,
          zoom: openingZoom(flow, { width: window.innerWidth, height: window.innerHeight }, MIN_ZOOM),
        }
      : DEFAULT_VIEWPORT,
  );
  const detailed = useStore(detailShown);
  // A large flow's minimap is drawn once the canvas is interactive: on a flow of 500 steps its 500
  // shapes held up the first click on the canvas by about 30 ms. A small flow's costs nothing to
  // speak of and is drawn with the canvas.
  const canvasIdle = useShownAfterFirstPaint();
  const minimapShown = canvasIdle || flow.nodes.length <= MINIMAP_AT_ONCE_UP_TO;
  const latest = useRef({ detailed, nodes: [] as DesignerNode[] });
  const [cache] = useState(createCanvasCache);
  const [nodes, setNodes] = useState<DesignerNode[]>(() => toCanvasNodes(flow, grouped, translator, cache));
  const [edges, setEdges] = useState<Edge[]>(() => toCanvasEdges(flow, grouped, translator, cache));
  const library = useFlowLibrary(flow);

  // The document is the source of truth; React Flow's own knowledge (sizes) is kept. Elements an
  // update leaves as they were stay the same objects (flow-elements.ts), so React Flow redraws only
  // what changed.
  useEffect(() => {
    setNodes((previous) => mergeCanvasState(previous, toCanvasNodes(flow, grouped, translator, cache)));
    setEdges((previous) => mergeCanvasState(previous, toCanvasEdges(flow, grouped, translator, cache)));
  }, [flow, grouped, translator, cache]);

  useLayoutEffect(() => {
    latest.current = { detailed, nodes };
  });

  const onNodesChange = useCallback(
    (changes: NodeChange<DesignerNode>[]) => {
      // The height of a node drawn in full is kept for its compact body, zoomed out.
      if (latest.current.detailed && changes.some((change) => change.type === 'dimensions')) {
        const byId = new Map(latest.current.nodes.map((node) => [node.id, node]));
        for (const change of changes) {
          const node = change.type === 'dimensions' ? byId.get(change.id) : undefined;
          if (node !== undefined && change.type === 'dimensions' && change.dimensions !== undefined) {
            rememberFullHeight(node.data.node, change.dimensions.height);
          }
        }
      }
      setNodes((current) => applyNodeChanges(changes, current));
      if (changes.some((change) => change.type === 'select')) {
        select((previous) => ({ nodes: toggled(previous.nodes, changes), edges: previous.edges }));
      }
      // A move is written to the document when it ends (drag stop, keyboard nudge), not every frame.
      const moves = new Map(
        changes.flatMap((change) =>
          change.type === 'position' && change.position !== undefined && change.dragging !== true
            ? [[change.id, change.position] as const]
            : [],
        ),
      );
      if (moves.size > 0) edit((draft) => moveNodes(draft, moves));
    },
    [edit, select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      setEdges((current) => applyEdgeChanges(changes, current));
      if (changes.some((change) => change.type === 'select')) {
        select((previous) => ({ nodes: previous.nodes, edges: toggled(previous.edges, changes) }));
      }
    },
    [select],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const port = connection.sourceHandle;
      if (port === null || port === undefined) return;
      edit((draft) => connect(draft, connection.source, port, connection.target));
    },
    [edit],
  );

  const onReconnect = useCallback(
    (old: Edge, connection: Connection) => {
      const port = connection.sourceHandle;
      if (port === null || port === undefined) return;
      edit((draft) => {
        if (old.source !== connection.source || old.sourceHandle !== port) {
          disconnect(draft, old.source, old.sourceHandle ?? '');
        }
        connect(draft, connection.source, port, connection.target);
      });
    },
    [edit],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) =>
      typeof connection.sourceHandle === 'string' && connection.source !== '',
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_DRAG_TYPE);
      if (!isNodeKindId(kind)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = edit((draft) => addNode(draft, kind, position));
      select({ nodes: [id], edges: [] });
    },
    [edit, select, screenToFlowPosition],
  );

  const minimapColour = useCallback((node: DesignerNode) => {
    const kind = getNodeKind(node.data.node.kind);
    return kind === undefined ? '#828282' : CATEGORY_COLOURS[kind.category];
  }, []);

  // The highlight and the selection are drawn over the canvas state, never stored in it. Nodes and
  // edges apart: a node dragged must not hand React Flow a new edge array every frame.
  const shownNodes = useMemo(
    () => withSelection(applyHighlight(nodes, [], highlight).nodes, selection.nodes),
    [nodes, highlight, selection.nodes],
  );
  // The edge under the pointer, and whether one of its ends is being dragged (it keeps its anchors).
  const [pointedEdge, setPointedEdge] = useState<string | null>(null);
  const reconnecting = useRef(false);
  const onEdgeMouseEnter = useCallback((_event: MouseEvent, edge: Edge) => setPointedEdge(edge.id), []);
  const onEdgeMouseLeave = useCallback((_event: MouseEvent, edge: Edge) => {
    if (!reconnecting.current) setPointedEdge((pointed) => (pointed === edge.id ? null : pointed));
  }, []);
  const onReconnectStart = useCallback(() => {
    reconnecting.current = true;
  }, []);
  const onReconnectEnd = useCallback(() => {
    reconnecting.current = false;
    setPointedEdge(null);
  }, []);
  const reconnectable = useMemo(
    () => new Set(pointedEdge === null ? selection.edges : [pointedEdge, ...selection.edges]),
    [pointedEdge, selection.edges],
  );
  const shownEdges = useMemo(
    () =>
      withReconnection(
        withSelection(applyHighlight([], edges, highlight).edges, selection.edges),
        reconnectable,
      ),
    [edges, highlight, selection.edges, reconnectable],
  );

  return (
    <FlowLibraryContext.Provider value={library}>
      <CanvasDetailContext.Provider value={detailed}>
        <ReactFlow<DesignerNode, Edge>
          nodes={shownNodes}
          edges={shownEdges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onReconnect={onReconnect}
          onReconnectStart={onReconnectStart}
          onReconnectEnd={onReconnectEnd}
          onEdgeMouseEnter={onEdgeMouseEnter}
          onEdgeMouseLeave={onEdgeMouseLeave}
          isValidConnection={isValidConnection}
          onDragOver={onDragOver}
          onDrop={onDrop}
          // Deleting goes through the designer's own command (one undo step, the entry kept).
          deleteKeyCode={null}
          colorMode={colorMode}
          snapToGrid
          snapGrid={SNAP_GRID}
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          fitView={fitOnOpen}
          defaultViewport={openingViewport}
          minZoom={MIN_ZOOM}
          proOptions={PRO_OPTIONS}
          aria-label={t('canvas.label', { name: flow.name })}
          ariaLabelConfig={REACT_FLOW_LABELS[translator.locale]}
        >
          <Background variant={BackgroundVariant.Dots} gap={SNAP_GRID[0]} />
          {minimapShown && <MiniMap<DesignerNode> pannable zoomable nodeColor={minimapColour} />}
          <Controls />
        </ReactFlow>
      </CanvasDetailContext.Provider>
    </FlowLibraryContext.Provider>
  );
}
