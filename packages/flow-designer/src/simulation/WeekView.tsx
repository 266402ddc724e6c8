import type { FlowDocument } from '@ringflow/flow-core';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';

/** Props of {@link WeekView}. */
export interface WeekViewProps {
  readonly flow: FlowDocument;
  /** Plays one simulated call's path on the canvas (a heatmap cell chosen), or clears it. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

/** One simulated call per 30 minutes of a week, as a heatmap of outcomes. (Being built.) */
export function WeekView({ flow }: WeekViewProps) {
  return <section className="rf-week-view" aria-label="week view" data-flow={flow.id} />;
}
