import { describe, expect, it } from 'vitest';
import { EXAMPLES, loadExamples } from './examples.js';

describe('examples', () => {
  it('are listed by folder with their id and name, and parsed when first opened', () => {
    const [first] = EXAMPLES;
    expect(first?.id).toBe(first?.flow.id);
    expect(first?.name).toBe(first?.flow.name);
    expect(first?.flow).toBe(first?.flow);
  });

  it('parse only when their flow is read: a broken one is listed, and says why when opened', () => {
    const examples = loadExamples({
      '/repo/examples/zz-broken/flow.json': { id: 'broken', name: 'Broken', nodes: 'none' },
      '/repo/examples/aa-nameless/flow.json': { id: 'nameless' },
      '/repo/elsewhere/flow.json': { id: 'elsewhere', name: 'Elsewhere' },
    });
    expect(examples.map((example) => [example.folder, example.id, example.name])).toEqual([
      ['zz-broken', 'broken', 'Broken'],
    ]);
    expect(() => examples[0]!.flow).toThrow(/the example "zz-broken" does not parse/);
  });
});
