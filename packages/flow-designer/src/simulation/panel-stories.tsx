import type { FlowDocument, Locale } from '@ringflow/flow-core';
import type { Meta } from '@storybook/react-vite';
import type { ColorMode } from '@xyflow/react';
import type { ComponentType } from 'react';
import { fn } from 'storybook/test';
import { exampleFlow, storyColorMode, storyLocale } from '../../.storybook/story-kit.js';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { forgetSimulationForms } from './remember.js';
import { SimulationStoryFrame } from './story-frame.js';

// For the simulation panels' stories only (the test call panel, the week view).

/** What a simulation panel takes: the flow, and where to light a call's path up. */
export interface SimulationPanelProps {
  readonly flow: FlowDocument;
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

/** A simulation panel's story: the panel's props, in the toolbar's language and colours. */
export interface SimulationPanelStoryProps extends SimulationPanelProps {
  readonly locale?: Locale;
  readonly colorMode?: ColorMode;
}

/**
 * The meta of a simulation panel's stories, but for their title: the panel beside the canvas of
 * onoff-greeting (a story may give another flow), in the toolbar's language and colours, with a spy
 * told of every highlight. Each story starts from a fresh form: the panels remember their forms per
 * flow while the page is open.
 *
 * @example
 * const meta = { title: 'Simulation/WeekView', ...simulationPanelMeta(WeekView) } satisfies Meta<...>;
 */
export function simulationPanelMeta(Panel: ComponentType<SimulationPanelProps>) {
  function SimulationPanelStory({ flow, onHighlight, locale, colorMode }: SimulationPanelStoryProps) {
    return (
      <SimulationStoryFrame
        flow={flow}
        locale={locale}
        colorMode={colorMode}
        onHighlight={onHighlight}
        panel={(show) => <Panel flow={flow} onHighlight={show} />}
      />
    );
  }
  return {
    component: SimulationPanelStory,
    render: (args, { globals }) => (
      <SimulationPanelStory {...args} locale={storyLocale(globals)} colorMode={storyColorMode(globals)} />
    ),
    args: { flow: exampleFlow('onoff-greeting'), onHighlight: fn() },
    beforeEach: () => forgetSimulationForms(),
  } satisfies Meta<SimulationPanelStoryProps>;
}
