import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlowText, type FlowDocument, type ScenarioInput } from '@ringflow/flow-core';

/*
 * The example flows of examples/ and their scenarios, read through the public API as a user would,
 * and a week of generated calls on the Ringover standard.
 */

const examplesDir = join(import.meta.dirname, '..', '..', 'examples');

export const EXAMPLE_NAMES = [
  'ringover-standard',
  'evatel-receptionist',
  'goto-dial-plan',
  'onoff-greeting',
] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

/** Parses an example's flow.json; a fresh object each time, so compileFlow compiles it again. */
export function loadExample(name: ExampleName): FlowDocument {
  const parsed = parseFlowText(readFileSync(join(examplesDir, name, 'flow.json'), 'utf8'));
  if (!parsed.ok) throw new Error(`examples/${name}/flow.json does not parse: ${parsed.issues[0]?.message}`);
  return parsed.flow;
}

/** One call of the mix: which example, and how the caller, the agents and the PBX behave. */
export interface MixedCall {
  readonly example: ExampleName;
  readonly label: string;
  readonly scenario: ScenarioInput;
}

/**
 * The examples' own scenarios (examples/<name>/scenarios/*.json, written from the vendor manuals),
 * in a fixed order: every way a real call goes on those flows.
 */
export function loadExampleScenarios(): MixedCall[] {
  return EXAMPLE_NAMES.flatMap((example) => {
    const dir = join(examplesDir, example, 'scenarios');
    return readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => ({
        example,
        label: file.replace(/\.json$/, ''),
        scenario: JSON.parse(readFileSync(join(dir, file), 'utf8')) as ScenarioInput,
      }));
  });
}

/**
 * A week of calls on the Ringover standard: one call every 30 minutes from Monday 2026-11-23 00:00
 * (Paris), 336 calls. What the caller types and who is there varies from call to call; the schedule
 * decides open, closed or after-hours voicemail.
 */
export function weekOfCalls(): ScenarioInput[] {
  const start = Date.parse('2026-11-23T00:00:00+01:00');
  const inputs: Array<Array<string | null>> = [
    ['1', '4', '5'],
    ['2', '3', '4'],
    ['3'],
    [null, null, null],
    ['7', '2', '5', '5'],
  ];
  const presence = ['available', 'available', 'inCall', 'snooze', 'offline'] as const;
  return Array.from({ length: 7 * 48 }, (_, i) => ({
    call: {
      from: i % 7 === 3 ? '+33639980500' : `+336${String(10_000_000 + i * 7919).slice(-8)}`,
      to: '+33478000000',
      at: new Date(start + i * 30 * 60_000).toISOString(),
    },
    agents: {
      claire: { status: presence[i % 5]!, ...(i % 3 === 0 ? { answer: 'never' as const } : {}) },
      antoine: { status: presence[(i + 2) % 5]!, answerAfterSeconds: 4 + (i % 9) },
      sarah: { status: presence[(i + 1) % 5]!, ...(i % 4 === 0 ? { reject: true } : {}) },
      karim: { status: presence[(i + 3) % 5]! },
      julie: { status: 'available' as const, answerAfterSeconds: 3 + (i % 20) },
      vincent: { status: presence[(i + 4) % 5]! },
      emma: { status: 'available' as const, answer: 'never' as const },
      nathalie: { status: presence[i % 5]! },
    },
    caller: {
      inputs: inputs[i % inputs.length]!,
      ...(i % 11 === 5 ? { hangupAfterSeconds: 12 + (i % 40) } : {}),
    },
    talkSeconds: 30 + ((i * 37) % 600),
  }));
}
