import { getNodeKind, NODE_KIND_IDS } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/i18n.js';
import { fieldLabel, hasFieldLabel, hasOptionLabel, optionLabel } from './labels.js';
import { describeConfig, describeField, initialValue, valueAt, writeAt } from './schema-fields.js';
import type { FieldInfo, FieldSpec } from './schema-fields.js';

/** Every field the form can show, with its name path and the enum values it offers. */
function walk(
  fields: readonly FieldInfo[],
  prefix: readonly string[] = [],
): { path: string[]; values: string[] }[] {
  const found: { path: string[]; values: string[] }[] = [];
  const visit = (spec: FieldSpec, path: string[]) => {
    if (spec.type === 'enum' || spec.type === 'enumSet') found.push({ path, values: [...spec.values] });
    else found.push({ path, values: [] });
    if (spec.type === 'object') found.push(...walk(spec.fields, path));
    if (spec.type === 'list' && spec.item.type === 'object') found.push(...walk(spec.item.fields, path));
  };
  for (const field of fields) visit(field.spec, [...prefix, field.name]);
  return found;
}

const fr = createTranslator('fr');
const en = createTranslator('en');

describe('the config form read from the kinds’ schemas', () => {
  it('labels every field of every kind, and every choice, in French and English', () => {
    const missing: string[] = [];
    for (const kind of NODE_KIND_IDS) {
      for (const { path, values } of walk(describeConfig(getNodeKind(kind)!.config))) {
        if (!hasFieldLabel(kind, path)) missing.push(`${kind}: ${path.join('.')}`);
        const name = path[path.length - 1]!;
        for (const value of values)
          if (!hasOptionLabel(name, value)) missing.push(`${kind}: ${name} = ${value}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('labels the nested fields the purpose-built editors show (menu keys, members)', () => {
    expect(hasFieldLabel('menu', ['options', 'label'])).toBe(true);
    for (const name of ['agent', 'group', 'number', 'label'])
      expect(hasFieldLabel('ringGroup', ['members', name])).toBe(true);
  });

  it('gives the most specific label first, in the chosen language', () => {
    expect(fieldLabel(fr, 'poll', ['id'])).toBe('Identifiant du sondage');
    expect(fieldLabel(fr, 'poll', ['questions', 'id'])).toBe('Identifiant de la question');
    expect(fieldLabel(en, 'poll', ['questions', 'id'])).toBe('Question id');
    expect(fieldLabel(fr, 'ringGroup', ['ringSeconds'])).toBe('Durée de sonnerie (secondes)');
    expect(fieldLabel(en, 'forward', ['ringSeconds'])).toBe('Ring time (seconds)');
    expect(optionLabel(fr, 'strategy', 'cascade')).toMatch(/^En cascade/);
    expect(optionLabel(en, 'skip', 'snooze')).toBe('On do-not-disturb');
  });

  it('shows a field or a choice it has no label for by its raw name', () => {
    expect(hasFieldLabel('ringGroup', ['futureField'])).toBe(false);
    expect(fieldLabel(fr, 'ringGroup', ['futureField'])).toBe('futureField');
    expect(optionLabel(fr, 'strategy', 'roundRobin')).toBe('roundRobin');
  });

  it('reads numbers with their bounds, enums, sets of choices, sounds and members', () => {
    const ring = Object.fromEntries(describeConfig(getNodeKind('ringGroup')!.config).map((f) => [f.name, f]));
    expect(ring.ringSeconds).toMatchObject({
      spec: { type: 'number', min: 5, max: 300, integer: true },
      optional: false,
      defaultValue: 20,
    });
    expect(ring.strategy!.spec).toEqual({ type: 'enum', values: ['simultaneous', 'cascade'] });
    expect(ring.skip!.spec).toEqual({
      type: 'enumSet',
      values: ['offline', 'snooze', 'outOfPlanning', 'inCall'],
    });
    expect(ring.members!.spec).toEqual({ type: 'members' });
    expect(ring.music).toMatchObject({ spec: { type: 'sound' }, optional: true });

    const match = Object.fromEntries(
      describeConfig(getNodeKind('callerMatch')!.config).map((f) => [f.name, f]),
    );
    expect(match.numbers!.spec).toMatchObject({ type: 'list', item: { type: 'string' }, itemDefault: '' });
    expect(match.vip!.spec).toEqual({ type: 'boolean' });

    const poll = Object.fromEntries(describeConfig(getNodeKind('poll')!.config).map((f) => [f.name, f]));
    expect(poll.questions!.spec).toMatchObject({ type: 'list', item: { type: 'object' } });
    const question = (poll.questions!.spec as Extract<FieldSpec, { type: 'list' }>).item;
    expect(initialValue(question)).toEqual({ id: '', prompt: { tts: { text: '' } }, min: 1, max: 5 });

    // A record has no generic control: it is edited as JSON unless an editor is built for it.
    const menu = Object.fromEntries(describeConfig(getNodeKind('menu')!.config).map((f) => [f.name, f]));
    expect(menu.options!.spec).toEqual({ type: 'raw' });
  });

  it('recognises a sound or a member list by its shape too', () => {
    const soundLike = {
      _zod: {
        def: {
          type: 'union',
          options: [
            { _zod: { def: { type: 'string' } } },
            { _zod: { def: { type: 'object', shape: { tts: {}, file: {}, music: {} } } } },
          ],
        },
      },
    };
    expect(describeField('sound', soundLike).spec).toEqual({ type: 'sound' });
    const memberLike = {
      _zod: {
        def: {
          type: 'array',
          element: {
            _zod: {
              def: {
                type: 'union',
                options: ['agent', 'group', 'number'].map((key) => ({
                  _zod: { def: { type: 'object', shape: { [key]: {} } } },
                })),
              },
            },
          },
        },
      },
    };
    expect(describeField('members', memberLike).spec).toEqual({ type: 'members' });
  });

  it('treats what it does not understand as raw JSON', () => {
    expect(describeField('x', 42).spec).toEqual({ type: 'raw' });
  });

  it('reads and writes values at a path, removing keys written as undefined', () => {
    const config: Record<string, unknown> = { a: { b: [1, 2] }, c: 'x' };
    expect(valueAt(config, ['a', 'b', 1])).toBe(2);
    expect(valueAt(config, ['a', 'z', 1])).toBeUndefined();
    writeAt(config, ['a', 'b', 0], 9);
    writeAt(config, ['c'], undefined);
    writeAt(config, ['missing', 'deep'], 1);
    expect(config).toEqual({ a: { b: [9, 2] } });
  });
});
