import { getNodeKind, parseFlow } from '@ringflow/flow-core';
import type { FlowDocument, Locale, NodeKindId } from '@ringflow/flow-core';
import type { ColorMode } from '@xyflow/react';
import { produce } from 'immer';
import type { Draft } from 'immer';
import { waitFor, within } from 'storybook/test';
import { EXAMPLES } from '../src/app/examples.js';
import { FlowCanvas } from '../src/canvas/FlowCanvas.js';
import { useIssues } from '../src/editor/useFlowEditor.js';
import { DesignerProviders } from '../src/FlowDesigner.js';
import { storyColorMode, storyLocale } from './globals.js';

// Shared by the designer's stories: example flows cut down to one node, a small validated canvas,
// and what play functions look for on it.

export { sayer, storyColorMode, storyLocale } from './globals.js';

/** A kind's title as flow-core words it, in the toolbar's language. */
export function kindTitle(kind: NodeKindId, globals: Readonly<Record<string, unknown>>): string {
  const found = getNodeKind(kind);
  if (found === undefined) throw new Error(`no kind "${kind}"`);
  return found.title[storyLocale(globals)];
}

/** Parses a flow again after a change, so flow-core's defaults apply; a story bug throws. */
function reparsed(flow: FlowDocument): FlowDocument {
  const parsed = parseFlow(JSON.parse(JSON.stringify(flow)));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.code}: ${i.message}`).join('\n'));
  return parsed.flow;
}

/**
 * An example flow of the repository (examples/<folder>/flow.json), parsed by flow-core, optionally
 * changed by `change` (to break it, say).
 */
export function exampleFlow(folder: string, change?: (draft: Draft<FlowDocument>) => void): FlowDocument {
  const example = EXAMPLES.find((e) => e.folder === folder);
  if (example === undefined) throw new Error(`no example "${folder}"`);
  return change === undefined ? example.flow : reparsed(produce(example.flow, change));
}

/**
 * One node of an example flow in its context: the node (made the entry) and the nodes its ports lead
 * to, with those edges, laid out left to right, over the example's agents, groups, schedules and
 * sounds. `change` may then alter the result (to break the node, say).
 */
export function excerpt(
  folder: string,
  nodeId: string,
  change?: (draft: Draft<FlowDocument>) => void,
): FlowDocument {
  return exampleFlow(folder, (draft) => {
    if (!draft.nodes.some((node) => node.id === nodeId)) throw new Error(`no node "${nodeId}" in ${folder}`);
    draft.edges = draft.edges.filter((edge) => edge.source === nodeId);
    const kept = new Set([nodeId, ...draft.edges.map((edge) => edge.target)]);
    draft.entry = nodeId;
    draft.nodes = draft.nodes.filter((node) => kept.has(node.id));
    // Laid out afresh, the node on the left and what follows it in a column on its right: the
    // example's own positions would scatter them, or stack them, once the rest is gone.
    const next = draft.nodes.filter((node) => node.id !== nodeId);
    for (const node of draft.nodes) {
      const row = next.indexOf(node);
      node.position = row < 0 ? { x: 0, y: 0 } : { x: 360, y: (row - (next.length - 1) / 2) * 240 };
    }
    change?.(draft);
  });
}

/**
 * The onoff-greeting example with two problems: its ring group also rings an agent the flow does not
 * define (an error on "boucle-appel"), and the on-call forward's "failed" port leads nowhere (a
 * warning on "astreinte").
 */
export function flowWithProblems(): FlowDocument {
  return exampleFlow('onoff-greeting', (draft) => {
    const ring = draft.nodes.find((node) => node.id === 'boucle-appel');
    if (ring?.kind === 'ringGroup') ring.config.members.push({ agent: 'fantome' });
    draft.edges = draft.edges.filter((edge) => !(edge.source === 'astreinte' && edge.port === 'failed'));
  });
}

/** The canvas of the nearest editor, checked by flow-core on every change as FlowDesigner does. */
function ValidatedCanvas({ colorMode }: { readonly colorMode: ColorMode }) {
  return <FlowCanvas issues={useIssues()} colorMode={colorMode} />;
}

/** Props of {@link CanvasStory}. */
export interface CanvasStoryProps {
  readonly flow: FlowDocument;
  readonly locale?: Locale;
  readonly colorMode?: ColorMode;
  readonly width?: number;
  readonly height?: number;
}

/** A flow on a small React Flow canvas, inside the designer's providers (editor, language). */
export function CanvasStory({
  flow,
  locale,
  colorMode = 'light',
  width = 960,
  height = 420,
}: CanvasStoryProps) {
  return (
    <DesignerProviders flow={flow} locale={locale}>
      <div className="rf-story-frame" style={{ width, height }}>
        <ValidatedCanvas colorMode={colorMode} />
      </div>
    </DesignerProviders>
  );
}

/** A story `render` for {@link CanvasStory}: the flow of the args, in the toolbar's language and theme. */
export function renderCanvas(
  args: CanvasStoryProps,
  { globals }: { readonly globals: Readonly<Record<string, unknown>> },
) {
  return <CanvasStory {...args} locale={storyLocale(globals)} colorMode={storyColorMode(globals)} />;
}

/** The canvas element of one node once React Flow has measured and shown it, to query inside it. */
export async function findCanvasNode(root: HTMLElement, nodeId: string) {
  const element = await waitFor(() => {
    const found = root.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`);
    if (found === null) throw new Error(`node "${nodeId}" is not on the canvas`);
    // React Flow hides a node until it has measured it.
    if (getComputedStyle(found).visibility === 'hidden') throw new Error(`node "${nodeId}" is not shown yet`);
    return found;
  });
  return { element, ...within(element) };
}

/** The ids of the output handles of a node element, in document order. */
export function sourceHandleIds(element: HTMLElement): string[] {
  return [...element.querySelectorAll('.react-flow__handle.source')].map(
    (handle) => handle.getAttribute('data-handleid') ?? '',
  );
}

/**
 * A story `beforeEach` that moves the clock the designer reads (`Date.now`) to `iso`, time still
 * running from there, and puts it back after the story.
 */
export function clockAt(iso: string): () => () => void {
  return () => {
    const real = Date.now;
    const offset = Date.parse(iso) - real();
    Date.now = () => real() + offset;
    return () => {
      Date.now = real;
    };
  };
}
