import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../nodes/registry.js';
import { parseFlow, parseFlowText } from './parse.js';
import { serializeFlow } from './serialize.js';

const minimal = () => ({
  format: 'ringflow.flow/v1',
  id: 'mini',
  name: 'Mini',
  timezone: 'Europe/Paris',
  entry: 'm',
  nodes: [
    {
      id: 'm',
      kind: 'menu',
      config: {
        prompt: 'p',
        options: { '#': { label: 'Dièse' }, '0': { label: 'Zéro' }, '1': { label: 'Un' } },
      },
    },
  ],
});

describe('parseFlow', () => {
  it('applies defaults at every level', () => {
    const result = parseFlow(minimal());
    expect(result.ok).toBe(true);
    const flow = result.flow!;
    expect(flow.locale).toBe('fr-FR');
    expect(flow.settings).toEqual({
      anonymous: 'allow',
      blocked: [],
      vip: [],
      maxSteps: 200,
      recording: { enabled: false },
    });
    expect(flow.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(flow.nodes[0]!.config).toMatchObject({ timeoutSeconds: 5, attempts: 3 });
  });

  it('writes menu keys in a fixed order and derives outputs in keypad order', () => {
    const flow = parseFlow(minimal()).flow!;
    const node = flow.nodes[0]!;
    expect(node.kind === 'menu' && Object.keys(node.config.options)).toEqual(['0', '1', '#']);
    expect(node.kind === 'menu' && NODE_KINDS.menu.portsOf(node.config).map((p) => p.id)).toEqual([
      '1',
      '0',
      '#',
      'timeout',
      'invalid',
    ]);
  });

  it('writes keys in schema order whatever the input order', () => {
    const shuffled = Object.fromEntries(Object.entries(minimal()).reverse());
    expect(serializeFlow(parseFlow(shuffled).flow!)).toBe(serializeFlow(parseFlow(minimal()).flow!));
  });

  it('reports issues with the path inside the node config and the node id', () => {
    const input = minimal();
    input.nodes[0]!.config = { prompt: 'p', options: { '1': { label: 'Un' } }, attempts: 0 } as never;
    const result = parseFlow(input);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'out_of_range',
        nodeId: 'm',
        path: ['nodes', 0, 'config', 'attempts'],
      }),
    ]);
  });

  it('names the missing field, in French when asked', () => {
    const { name: _name, ...input } = minimal();
    const result = parseFlow(input, { locale: 'fr' });
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'missing_field',
        path: ['name'],
        message: 'Le champ "name" est obligatoire.',
      }),
    ]);
  });

  it('refuses values JSON cannot hold', () => {
    const input = { ...minimal(), name: Number.NaN, description: () => 1 };
    expect(parseFlow(input).issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', ['name']],
      ['invalid_type', ['description']],
    ]);
    expect(parseFlow(undefined).ok).toBe(false);
    expect(parseFlow(null).issues[0]).toMatchObject({ code: 'invalid_type', path: [] });
  });

  it('names forbidden keys in objects as such, wherever they are', () => {
    const ownKey = (key: string) =>
      Object.defineProperty({}, key, { value: { polluted: true }, enumerable: true });
    const input = minimal();
    const withProto = { ...input, settings: ownKey('__proto__') };
    expect(parseFlow(withProto).issues).toEqual([
      expect.objectContaining({ code: 'forbidden_key', path: ['settings', '__proto__'] }),
    ]);
    input.nodes[0]!.config = { ...input.nodes[0]!.config, ...ownKey('constructor') } as never;
    expect(parseFlow(input).issues.map((i) => [i.code, i.path])).toEqual([
      ['forbidden_key', ['nodes', 0, 'config', 'constructor']],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a cyclic object without overflowing the stack', () => {
    const input: Record<string, unknown> = minimal();
    input.settings = input;
    expect(parseFlow(input).issues[0]!.code).toBe('too_deeply_nested');
  });

  it('stops at an unsupported format without noise about other fields', () => {
    expect(parseFlow({ format: 'ringflow.flow/v2', nodes: 'x' }).issues.map((i) => i.code)).toEqual([
      'unsupported_format',
    ]);
  });
});

describe('parseFlowText', () => {
  it('reports a menu key offered twice with the node id', () => {
    const text = JSON.stringify(minimal(), null, 2).replace('"0": {', '"1": { "label": "Encore" },\n "0": {');
    expect(parseFlowText(text).issues).toEqual([
      expect.objectContaining({
        code: 'menu_duplicate_digit',
        nodeId: 'm',
        path: ['nodes', 0, 'config', 'options', '1'],
      }),
    ]);
  });

  it('parses the same document as parseFlow', () => {
    expect(parseFlowText(JSON.stringify(minimal()))).toEqual(parseFlow(minimal()));
  });

  it('never touches Object.prototype', () => {
    const result = parseFlowText(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    );
    expect(result.issues.map((i) => i.code)).toEqual(['forbidden_key', 'forbidden_key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
