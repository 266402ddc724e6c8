import { produce } from 'immer';
import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { getNodeKind } from '../nodes/registry.js';
import { validateFlow } from '../validation/validate.js';
import { parseFlow } from './parse.js';

const flow = {
  format: 'ringflow.flow/v1',
  id: 'f',
  name: 'F',
  timezone: 'Europe/Paris',
  entry: 'ring',
  agents: [{ id: 'lea', name: 'Léa' }],
  nodes: [
    { id: 'ring', kind: 'ringGroup', config: { members: [{ agent: 'lea' }], ringSeconds: 20 } },
    { id: 'bye', kind: 'hangup' },
  ],
  edges: [{ id: 'e1', source: 'ring', port: 'noAnswer', target: 'bye' }],
};

/** The flow of every example of the repository, as JSON values (at least the four seed examples). */
function exampleFlows(): unknown[] {
  const examples = new URL('../../../../examples/', import.meta.url);
  const flows = readdirSync(examples, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    try {
      return [JSON.parse(readFileSync(new URL(`${entry.name}/flow.json`, examples), 'utf8')) as unknown];
    } catch {
      return [];
    }
  });
  expect(flows.length).toBeGreaterThanOrEqual(4);
  return flows;
}

const codes = (value: unknown) =>
  validateFlow(value).errors.map((issue) => `${issue.code} ${issue.path?.join('.')}`);

describe('config parses of frozen documents', () => {
  it('give the same answers as fresh parses, edit after edit (as the designer edits with immer)', () => {
    let current = produce(flow, () => undefined);
    expect(Object.isFrozen(current.nodes[0]!.config)).toBe(true);
    expect(codes(current)).toEqual([]);
    current = produce(current, (draft) => {
      (draft.nodes[0]!.config as { ringSeconds: number }).ringSeconds = 5000;
    });
    expect(codes(current)).toEqual(codes(structuredClone(current)));
    expect(codes(current)).toContain('out_of_range nodes.0.config.ringSeconds');
    // The other node was not touched: its (cached) parse still counts, at its new index.
    current = produce(current, (draft) => {
      draft.nodes.reverse();
    });
    expect(codes(current)).toEqual(['out_of_range nodes.1.config.ringSeconds']);
    expect(parseFlow(current).ok).toBe(false);
  });

  it('parse objects that are not frozen again every time, so a change made in place is seen', () => {
    const mutable = structuredClone(flow);
    expect(codes(mutable)).toEqual([]);
    (mutable.nodes[0]!.config as { ringSeconds: number }).ringSeconds = 5000;
    expect(codes(mutable)).toContain('out_of_range nodes.0.config.ringSeconds');
  });

  it('parse an untouched frozen config once, however often the flow is validated', () => {
    const schema = getNodeKind('ringGroup')!.config;
    const spy = vi.spyOn(schema, 'safeParse');
    try {
      const frozen = produce(structuredClone(flow), () => undefined);
      validateFlow(frozen);
      validateFlow(frozen);
      const edited = produce(frozen, (draft) => {
        draft.name = 'G';
      });
      validateFlow(edited);
      expect(spy).toHaveBeenCalledTimes(1);
      validateFlow(structuredClone(edited));
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('give a frozen document the same flow and the same problems as a fresh copy, for every example', () => {
    for (const value of exampleFlows()) {
      const frozen = produce(structuredClone(value), () => undefined);
      expect(Object.isFrozen(frozen)).toBe(true);
      expect(parseFlow(frozen)).toEqual(parseFlow(structuredClone(value)));
      // Twice, the second time from the cache.
      expect(parseFlow(frozen)).toEqual(parseFlow(structuredClone(value)));
      // A broken edge and a broken node in a frozen document: the same problems, in the same order.
      const broken = produce(frozen as { nodes: { id: string }[]; edges: { port: string }[] }, (draft) => {
        draft.edges[0]!.port = '';
        draft.nodes[1]!.id = '1bad';
      });
      expect(validateFlow(broken)).toEqual(validateFlow(structuredClone(broken)));
    }
  });

  describe('parseFlow(value, { freeze: true })', () => {
    it('returns the same document, deep-frozen', () => {
      const result = parseFlow(structuredClone(flow), { freeze: true });
      expect(result).toEqual(parseFlow(structuredClone(flow)));
      const parsed = result.flow!;
      expect(Object.isFrozen(parsed)).toBe(true);
      expect(Object.isFrozen(parsed.nodes[0]!.config)).toBe(true);
      expect(Object.isFrozen(parsed.agents[0])).toBe(true);
      expect(Object.isFrozen(parsed.nodes[1]!.position)).toBe(true);
    });

    it('lets the next validation use the parse it did instead of parsing nodes and edges again', () => {
      const schema = getNodeKind('ringGroup')!.config;
      const parsed = parseFlow(structuredClone(flow), { freeze: true }).flow!;
      const spy = vi.spyOn(schema, 'safeParse');
      try {
        expect(validateFlow(parsed).errors).toEqual([]);
        expect(spy).not.toHaveBeenCalled();
        // A config an edit replaced is parsed, and its problems found.
        const edited = produce(parsed, (draft) => {
          (draft.nodes[0]!.config as { ringSeconds: number }).ringSeconds = 5000;
        });
        expect(codes(edited)).toEqual(['out_of_range nodes.0.config.ringSeconds']);
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
    });

    it('makes the next parse of that document return the document itself, in every language', () => {
      const parsed = parseFlow(structuredClone(flow), { freeze: true }).flow!;
      expect(parseFlow(parsed).flow).toBe(parsed);
      expect(parseFlow(parsed, { locale: 'fr' }).flow).toBe(parsed);
      expect(validateFlow(parsed).flow).toBe(parsed);
      // A document frozen by another hand (immer) is parsed: its result is a new object.
      const frozen = produce(structuredClone(flow), () => undefined);
      expect(parseFlow(frozen).flow).not.toBe(frozen);
      // And so is an edit of the parsed document.
      const edited = produce(parsed, (draft) => {
        draft.name = 'G';
      });
      expect(parseFlow(edited).flow).not.toBe(edited);
      expect(parseFlow(edited).flow).toEqual(edited);
    });

    it('gives, for every example, a document whose validation equals that of a fresh copy', () => {
      for (const value of exampleFlows()) {
        const frozen = parseFlow(structuredClone(value), { freeze: true }).flow!;
        // Parsing an output again gives the output: what the cache now answers for it.
        expect(parseFlow(frozen)).toEqual(parseFlow(structuredClone(frozen)));
        expect(validateFlow(frozen)).toEqual(validateFlow(structuredClone(frozen)));
      }
    });

    it('freezes nothing when the document does not parse', () => {
      const broken = structuredClone(flow);
      (broken.nodes[0]!.config as { ringSeconds: number }).ringSeconds = 5000;
      expect(parseFlow(broken, { freeze: true }).ok).toBe(false);
      expect(Object.isFrozen(broken)).toBe(false);
      expect(Object.isFrozen(broken.nodes[0]!.config)).toBe(false);
    });
  });
});
