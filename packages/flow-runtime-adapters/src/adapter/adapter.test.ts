import type { EngineCommand } from '@ringflow/flow-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AdapterCall, AdapterCommands, CommandOf, EngineCommandType } from './adapter.js';

const ignore = async () => {};

describe('AdapterCommands', () => {
  it('has one handler per engine command, each given its own command type', () => {
    expectTypeOf<keyof AdapterCommands>().toEqualTypeOf<EngineCommandType>();
    expectTypeOf<Parameters<AdapterCommands['ring']>[1]>().toEqualTypeOf<CommandOf<'ring'>>();
    expectTypeOf<Parameters<AdapterCommands['ring']>[0]>().toEqualTypeOf<AdapterCall>();
    expectTypeOf<CommandOf<'bridge'>>().toEqualTypeOf<Extract<EngineCommand, { type: 'bridge' }>>();
  });

  it('does not compile when a handler is missing or reads a field its command lacks', () => {
    // @ts-expect-error: `stopRecording` is missing, so this is not an adapter's command map.
    const incomplete: AdapterCommands = {
      answer: ignore,
      play: ignore,
      stopPlayback: ignore,
      collectDigits: ignore,
      ring: ignore,
      cancelLegs: ignore,
      bridge: ignore,
      forward: ignore,
      recordVoicemail: ignore,
      hangup: ignore,
      startRecording: ignore,
    };
    const complete: AdapterCommands = {
      ...incomplete,
      stopRecording: ignore,
      // @ts-expect-error: a `play` command has no `legs`.
      play: async (_call, command) => void command.legs,
      ring: async (_call, command) => void command.legs.map((leg) => leg.legId),
    };
    expect(Object.keys(complete)).toHaveLength(12);
  });
});
