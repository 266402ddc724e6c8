import { describe, expect, it } from 'vitest';
import { exampleFlow } from '../../test/fixtures.js';
import { detailedAt, fullHeightOf, portLineMiddle, rememberFullHeight } from './detail.js';

const onoff = exampleFlow('onoff-greeting');

describe('compact nodes', () => {
  it('are drawn below zoom 0.2, where 12 px text is under 2.4 px high', () => {
    expect(detailedAt(0.1)).toBe(false);
    expect(detailedAt(0.19)).toBe(false);
    expect(detailedAt(0.2)).toBe(true);
    expect(detailedAt(1)).toBe(true);
  });

  it('take the height of a node in full: estimated, then as last drawn', () => {
    // Measured in Chromium: a node with three ports and two lines of summary is 129 px high, 76
    // without ports.
    const [first, other] = onoff.nodes;
    expect(fullHeightOf(first!, 3)).toBe(129);
    expect(fullHeightOf(first!, 0)).toBe(76);
    rememberFullHeight(other!, 147);
    expect(fullHeightOf(other!, 3)).toBe(147);
    // A new label may wrap otherwise: estimated again.
    expect(fullHeightOf({ ...other!, label: 'Un autre nom' }, 3)).toBe(129);
  });

  it('put their handles in the middle of the port lines that close the node', () => {
    // Measured in Chromium: a menu with 4 ports, 145 px high, has its port lines' middles 85, 101,
    // 117 and 133 px from its top.
    expect([0, 1, 2, 3].map((index) => portLineMiddle(145, 4, index))).toEqual([85, 101, 117, 133]);
  });
});
