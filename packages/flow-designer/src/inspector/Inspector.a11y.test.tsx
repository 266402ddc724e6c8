import { render } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { kitchenSink } from '../../test/kitchen-sink.js';
import { Inspector } from './Inspector.js';
import { InspectorHarness } from './InspectorHarness.js';

/** axe-core's violations in `element`, as "rule: target" lines (jsdom has no layout: no contrast check). */
async function violations(element: HTMLElement): Promise<string[]> {
  const results = await axe.run(element, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

describe('Inspector accessibility (axe-core)', () => {
  it.each(kitchenSink.nodes.map((node) => [node.kind, node.id]))(
    'has no violations for a %s node',
    async (_, id) => {
      const { container } = render(
        <InspectorHarness flow={kitchenSink} nodes={[id]}>
          <Inspector />
        </InspectorHarness>,
      );
      expect(await violations(container)).toEqual([]);
    },
  );

  it('has no violations for a connection, nothing selected, or several', async () => {
    const flow = exampleFlow('onoff-greeting');
    for (const select of [{ edges: [flow.edges[0]!.id] }, {}, { nodes: ['accueil', 'horaires'] }]) {
      const view = render(
        <InspectorHarness flow={flow} {...select}>
          <Inspector />
        </InspectorHarness>,
      );
      expect(await violations(view.container)).toEqual([]);
      view.unmount();
    }
  });
});
