import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { getNodeKind, NODE_KINDS, NODE_KIND_IDS } from './registry.js';

describe('node-kind registry', () => {
  it('holds the ten v1 kinds of DESIGN 3.1', () => {
    expect(NODE_KIND_IDS).toEqual([
      'announcement',
      'menu',
      'businessHours',
      'ringGroup',
      'agentCondition',
      'callerMatch',
      'poll',
      'voicemail',
      'forward',
      'hangup',
    ]);
  });

  it.each(NODE_KIND_IDS)('%s is complete and consistent', (id) => {
    const kind = NODE_KINDS[id];
    expect(kind.kind).toBe(id);
    expect(kind.version).toBeGreaterThanOrEqual(1);
    for (const text of [kind.title, kind.description]) {
      expect(text.en.length).toBeGreaterThan(2);
      expect(text.fr.length).toBeGreaterThan(2);
    }
    expect(kind.description.fr).not.toBe(kind.description.en);
    const config = kind.config.parse(kind.example);
    const ports = kind.portsOf(config as never);
    expect(new Set(ports.map((p) => p.id)).size).toBe(ports.length);
    for (const port of ports) if (port.fallback) expect(ports.map((p) => p.id)).toContain(port.fallback);
    expect(() => z.toJSONSchema(kind.config as z.ZodType, { io: 'input' })).not.toThrow();
  });

  it('derives menu ports from its options', () => {
    const config = NODE_KINDS.menu.config.parse({
      prompt: 'p',
      options: { '9': { label: 'Neuf' }, '*': { label: 'Étoile' } },
    });
    expect(NODE_KINDS.menu.portsOf(config).map((p) => p.id)).toEqual(['9', '*', 'timeout', 'invalid']);
  });

  it('finds kinds by id and nothing on the prototype chain', () => {
    expect(getNodeKind('menu')).toBe(NODE_KINDS.menu);
    expect(getNodeKind('toString')).toBeUndefined();
    expect(getNodeKind('__proto__')).toBeUndefined();
  });
});
