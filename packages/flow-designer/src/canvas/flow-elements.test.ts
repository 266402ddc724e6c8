import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue } from '@ringflow/flow-core';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { createTranslator } from '../i18n/i18n.js';
import {
  createCanvasCache,
  groupIssues,
  mergeCanvasState,
  openingZoom,
  toCanvasEdges,
  toCanvasNodes,
} from './flow-elements.js';

const onoff = exampleFlow('onoff-greeting');
const fr = createTranslator('fr');

function issuesOf(flow: FlowDocument) {
  const report = validateFlow(flow, { locale: 'fr' });
  return groupIssues([...report.errors, ...report.warnings]);
}

/** The ids of the elements of `after` that are not the very objects of `before`. */
function remade<T extends { id: string }>(before: readonly T[], after: readonly T[]): string[] {
  return after.filter((item, index) => item !== before[index]).map((item) => item.id);
}

describe('canvas elements across edits', () => {
  it('makes again only the node an edit moved, and none of its edges', () => {
    const cache = createCanvasCache();
    const nodes = toCanvasNodes(onoff, issuesOf(onoff), fr, cache);
    const edges = toCanvasEdges(onoff, issuesOf(onoff), fr, cache);
    const moved = produce(onoff, (draft) => {
      draft.nodes.find((node) => node.id === 'accueil')!.position.x += 40;
    });
    const nodesAfter = toCanvasNodes(moved, issuesOf(moved), fr, cache);
    expect(remade(nodes, nodesAfter)).toEqual(['accueil']);
    expect(nodesAfter.find((node) => node.id === 'accueil')!.position.x).toBe(
      onoff.nodes.find((node) => node.id === 'accueil')!.position.x + 40,
    );
    expect(remade(edges, toCanvasEdges(moved, issuesOf(moved), fr, cache))).toEqual([]);
  });

  it('makes again the edges of a renamed node, whose names they announce', () => {
    const cache = createCanvasCache();
    const edges = toCanvasEdges(onoff, issuesOf(onoff), fr, cache);
    const renamed = produce(onoff, (draft) => {
      draft.nodes.find((node) => node.id === 'horaires')!.label = 'Heures';
    });
    const after = toCanvasEdges(renamed, issuesOf(renamed), fr, cache);
    const touching = onoff.edges
      .filter((edge) => edge.source === 'horaires' || edge.target === 'horaires')
      .map((edge) => edge.id);
    expect(remade(edges, after).sort()).toEqual(touching.sort());
    expect(after.find((edge) => edge.target === 'horaires')!.ariaLabel).toContain('Heures');
  });

  it('makes a node again when its problems change, and every element in another language', () => {
    const cache = createCanvasCache();
    const nodes = toCanvasNodes(onoff, groupIssues([]), fr, cache);
    const problem: FlowIssue = {
      code: 'unknown_agent',
      message: 'Agent inconnu',
      severity: 'error',
      nodeId: 'boucle-appel',
    };
    const withProblem = toCanvasNodes(onoff, groupIssues([problem]), fr, cache);
    expect(remade(nodes, withProblem)).toEqual(['boucle-appel']);
    expect(withProblem.find((node) => node.id === 'boucle-appel')!.ariaLabel).toMatch(/1 problème/);
    // The same problem found again by a new validation (a new list) is the same problem.
    expect(remade(withProblem, toCanvasNodes(onoff, groupIssues([{ ...problem }]), fr, cache))).toEqual([]);
    const en = toCanvasNodes(onoff, groupIssues([problem]), createTranslator('en'), cache);
    expect(remade(withProblem, en)).toHaveLength(onoff.nodes.length);
  });

  it('keeps the state React Flow holds for what did not change, and hands back the same array', () => {
    const cache = createCanvasCache();
    const canvas = toCanvasNodes(onoff, groupIssues([]), fr, cache);
    // React Flow measures and selects nodes: new objects, with the same data.
    const held = canvas.map((node) =>
      node.id === 'accueil' ? { ...node, selected: true, measured: { width: 244, height: 83 } } : node,
    );
    expect(mergeCanvasState(held, toCanvasNodes(onoff, groupIssues([]), fr, cache))).toBe(held);

    const moved = produce(onoff, (draft) => {
      draft.nodes.find((node) => node.id === 'accueil')!.position.y += 20;
    });
    const merged = mergeCanvasState(held, toCanvasNodes(moved, groupIssues([]), fr, cache));
    expect(merged).not.toBe(held);
    expect(remade(held, merged)).toEqual(['accueil']);
    expect(merged.find((node) => node.id === 'accueil')).toMatchObject({
      selected: true,
      measured: { width: 244, height: 83 },
    });
  });

  it('leaves reconnection off on every edge (the canvas turns it on under the pointer)', () => {
    expect(toCanvasEdges(onoff, groupIssues([]), fr).every((edge) => edge.reconnectable === false)).toBe(
      true,
    );
  });
});

describe('the zoom a flow opens at, before it is drawn', () => {
  const window = { width: 1400, height: 900 };

  it('frames the whole flow, within the zoom limits', () => {
    // onoff-greeting spans 1,364 × 470 px with its nodes' width: the width decides.
    expect(openingZoom(onoff, window, 0.1)).toBeCloseTo(1400 / (1364 * 1.1), 2);
    const spread = produce(onoff, (draft) => {
      for (const node of draft.nodes) node.position = { x: node.position.x * 30, y: node.position.y };
    });
    expect(openingZoom(spread, window, 0.1)).toBe(0.1);
    const alone = produce(onoff, (draft) => {
      draft.nodes = draft.nodes.slice(0, 1);
    });
    expect(openingZoom(alone, window, 0.1)).toBe(2);
  });

  it('is 1 for an empty flow, which is not framed', () => {
    expect(openingZoom({ ...onoff, nodes: [] }, window, 0.1)).toBe(1);
  });
});
