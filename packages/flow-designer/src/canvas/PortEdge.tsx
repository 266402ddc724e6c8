import { BaseEdge, getBezierPath, useStoreApi } from '@xyflow/react';
import type { EdgeProps, EdgeTypes } from '@xyflow/react';
import { memo, useContext } from 'react';
import { CanvasDetailContext } from '../nodes/index.js';

/*
 * The designer's edge: React Flow's bezier edge with its port label drawn as React Flow draws it (a
 * rounded box behind 10 px text, centred on the curve), but sized without asking the page. React
 * Flow's own label measures its text (getBBox) after it is drawn and draws again: on a 750-edge flow
 * that is 750 layout reads and a second render of every label while the page opens. Here the text is
 * measured once per distinct label with a canvas (no layout) and drawn once.
 */

/** React Flow's label: 10 px text (.react-flow__edge-text), 2 px × 4 px of padding, 2 px corners. */
const FONT_SIZE = 10;
const PADDING_X = 2;
const PADDING_Y = 4;
const RADIUS = 2;

interface TextBox {
  readonly width: number;
  readonly height: number;
}

const boxes = new Map<string, TextBox>();
const fonts = new WeakMap<Element, string>();
let measurer: OffscreenCanvasRenderingContext2D | null | undefined;

/** The font of the labels on the canvas `root`: its own family, weight and style at 10 px. */
function labelFont(root: Element | null): string {
  if (root === null) return `${FONT_SIZE}px sans-serif`;
  let font = fonts.get(root);
  if (font === undefined) {
    const style = getComputedStyle(root);
    font = `${style.fontStyle} ${style.fontWeight} ${FONT_SIZE}px ${style.fontFamily || 'sans-serif'}`;
    fonts.set(root, font);
  }
  return font;
}

/**
 * The size of `text` in `font`, as SVG lays it out (same fonts, same shaping). Without a canvas (a
 * test's DOM) it is estimated, which only sizes the box behind the text.
 */
function measure(text: string, font: string): TextBox {
  const key = `${font}\n${text}`;
  const known = boxes.get(key);
  if (known !== undefined) return known;
  measurer ??= typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  let box: TextBox;
  if (measurer === null) {
    box = { width: text.length * FONT_SIZE * 0.6, height: FONT_SIZE * 1.2 };
  } else {
    measurer.font = font;
    const metrics = measurer.measureText(text);
    box = { width: metrics.width, height: metrics.fontBoundingBoxAscent + metrics.fontBoundingBoxDescent };
  }
  // Widths measured while a web font is still loading are those of its fallback: not kept.
  if (typeof document === 'undefined' || document.fonts?.status !== 'loading') boxes.set(key, box);
  return box;
}

/** A port label centred on (x, y): React Flow's label box and text, without a transform or a second draw. */
function EdgeLabel({ x, y, text }: { readonly x: number; readonly y: number; readonly text: string }) {
  const root = useStoreApi().getState().domNode;
  const box = measure(text, labelFont(root));
  const left = x - box.width / 2;
  return (
    <>
      <rect
        className="react-flow__edge-textbg"
        // The box takes clicks for its edge, as React Flow's label does.
        pointerEvents="all"
        x={left - PADDING_X}
        y={y - box.height / 2 - PADDING_Y}
        width={box.width + 2 * PADDING_X}
        height={box.height + 2 * PADDING_Y}
        rx={RADIUS}
        ry={RADIUS}
      />
      <text className="react-flow__edge-text" x={left} y={y} dy="0.3em">
        {text}
      </text>
    </>
  );
}

/** A bezier edge from a port to a node, labelled with the port. */
function PortEdgeComponent({
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  label,
  style,
  markerStart,
  markerEnd,
  pathOptions,
  interactionWidth,
}: EdgeProps & { readonly pathOptions?: { readonly curvature?: number } }) {
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
    curvature: pathOptions?.curvature,
  });
  // Zoomed out below the readable, edges have no label (nodes/detail.ts).
  const labelled = useContext(CanvasDetailContext);
  return (
    <>
      <BaseEdge
        path={path}
        style={style}
        markerStart={markerStart}
        markerEnd={markerEnd}
        interactionWidth={interactionWidth}
      />
      {labelled && typeof label === 'string' && label !== '' && (
        <EdgeLabel x={labelX} y={labelY} text={label} />
      )}
    </>
  );
}

export const PortEdge = memo(PortEdgeComponent);

/** The designer's edge types: every edge is a port edge (React Flow's `default` type). */
export const EDGE_TYPES: EdgeTypes = { default: PortEdge };
