/// <reference lib="dom" />
/// <reference types="vite/client" />
import { ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode, createElement } from 'react';
import { createRoot } from 'react-dom/client';

/*
 * The floor the designer is compared with: React + React Flow alone, drawing the same graph with
 * React Flow's default nodes and edges. The flow is read from the same place the designer's app
 * reads it with `?flow=<id>` (its autosave slot in localStorage, seeded by the benchmark), so both
 * pages start from the same text. Written without JSX: the repository's root tsconfig, which
 * type-checks bench/, has no JSX setting.
 */

interface SlotFlow {
  nodes: { id: string; label?: string; position: { x: number; y: number } }[];
  edges: { id: string; source: string; target: string }[];
}

function readFlow(): SlotFlow {
  const id = new URLSearchParams(window.location.search).get('flow');
  const raw = id === null ? null : window.localStorage.getItem(`ringflow.autosave.${id}`);
  if (raw === null) throw new Error('no flow: open this page with ?flow=<id> of a seeded flow');
  return (JSON.parse(raw) as { flow: SlotFlow }).flow;
}

function BareFlow({ flow }: { readonly flow: SlotFlow }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(
    flow.nodes.map((node) => ({
      id: node.id,
      position: node.position,
      data: { label: node.label ?? node.id },
    })),
  );
  const [edges, , onEdgesChange] = useEdgesState<Edge>(
    flow.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
  );
  // The designer's zoom range, so that fitView frames the whole grid on both pages.
  return createElement(ReactFlow, {
    nodes,
    edges,
    onNodesChange,
    onEdgesChange,
    fitView: true,
    minZoom: 0.1,
  });
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(createElement(StrictMode, null, createElement(BareFlow, { flow: readFlow() })));
