import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, Locale } from '@ringflow/flow-core';
import type { ColorMode } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas.js';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { DesignerProviders } from '../FlowDesigner.js';

/** Props of {@link SimulationStoryFrame}. */
export interface SimulationStoryFrameProps {
  readonly flow: FlowDocument;
  readonly locale?: Locale;
  readonly colorMode?: ColorMode;
  /** Also told of every highlight, for play functions to check. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
  /** The simulation panel, given the highlight setter the designer would give it. */
  readonly panel: (onHighlight: (highlight: CanvasHighlight | null) => void) => ReactNode;
}

/**
 * For the simulation stories: a simulation panel beside the flow's canvas, as the designer lays them
 * out, so that a played call lights its path up.
 */
export function SimulationStoryFrame({
  flow,
  locale,
  colorMode,
  onHighlight,
  panel,
}: SimulationStoryFrameProps) {
  const [highlight, setHighlight] = useState<CanvasHighlight | null>(null);
  const issues = useMemo(() => {
    const report = validateFlow(flow, { locale });
    return [...report.errors, ...report.warnings];
  }, [flow, locale]);
  const show = useMemo(
    () => (next: CanvasHighlight | null) => {
      setHighlight(next);
      onHighlight?.(next);
    },
    [onHighlight],
  );
  return (
    <DesignerProviders flow={flow} locale={locale}>
      <div
        className={`rf-designer rf-designer-${colorMode ?? 'light'}`}
        style={{ height: '100vh', minHeight: 720 }}
      >
        <div className="rf-designer-canvas">
          <FlowCanvas issues={issues} colorMode={colorMode} highlight={highlight} />
        </div>
        <aside className="rf-designer-side">{panel(show)}</aside>
      </div>
    </DesignerProviders>
  );
}
