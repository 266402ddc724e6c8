import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  parseFlowText,
  simulateCall,
  type CallResult,
  type EngineCommand,
  type FlowDocument,
} from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';

/*
 * Every scenario of every example, run through the public API exactly as a user would: the flow and
 * the scenario are read from disk, and the fields of the call record a user reads are compared with
 * the expected result written beside the scenario (examples/<x>/expected/<name>.json).
 */

const examples = join(import.meta.dirname, '..', 'examples');

/** The fields of a result that an expected file holds (not `events`, `startedAt`, `endedAt`). */
const COMPARED = [
  'outcome',
  'answeredBy',
  'missedReason',
  'waitSeconds',
  'durationSeconds',
  'path',
  'legs',
  'polls',
] as const;

/** Each example must describe at least this many situations of its manual. */
const MIN_SCENARIOS = 6;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

/** The example's flow, parsed from its text as `ringflow simulate` does. */
function loadFlow(folder: string): FlowDocument {
  const parsed = parseFlowText(readFileSync(join(examples, folder, 'flow.json'), 'utf8'));
  if (parsed.flow === undefined) throw new Error(`examples/${folder}/flow.json does not parse`);
  return parsed.flow;
}

function pick(result: CallResult): Record<string, unknown> {
  return Object.fromEntries(COMPARED.map((field) => [field, result[field]]));
}

const folders = readdirSync(examples)
  .filter((folder) => existsSync(join(examples, folder, 'flow.json')))
  .sort();

/** Names of the JSON files of a folder, without extension, sorted; none when there is no folder. */
const jsonNames = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => basename(file, '.json'))
        .sort()
    : [];

const scenarioNames = (folder: string): string[] => jsonNames(join(examples, folder, 'scenarios'));

const cases = folders.flatMap((folder) => scenarioNames(folder).map((name) => ({ folder, name })));

describe('example scenarios', () => {
  it('finds the scenarios of the four examples', () => {
    expect(folders).toEqual(['evatel-receptionist', 'goto-dial-plan', 'onoff-greeting', 'ringover-standard']);
    expect(cases.length).toBeGreaterThanOrEqual(folders.length * MIN_SCENARIOS);
  });

  it.each(folders)(`%s has at least ${MIN_SCENARIOS} scenarios, each with its expected result`, (folder) => {
    const names = scenarioNames(folder);
    expect(names.length).toBeGreaterThanOrEqual(MIN_SCENARIOS);
    // Every scenario has its expected result, and every expected result its scenario (else it would
    // never be checked).
    expect(jsonNames(join(examples, folder, 'expected'))).toEqual(names);
  });

  describe.each(cases)('$folder: $name', ({ folder, name }) => {
    const scenarioPath = join(examples, folder, 'scenarios', `${name}.json`);
    const expectedPath = join(examples, folder, 'expected', `${name}.json`);

    it('gives the expected result', () => {
      const result = simulateCall(loadFlow(folder), readJson(scenarioPath));
      const expected = readJson(expectedPath);
      expect(Object.keys(expected as object)).toEqual([...COMPARED]);
      expect(pick(result)).toEqual(expected);
    });

    it('gives the same result when the session is snapshotted and resumed at every step', () => {
      const flow = loadFlow(folder);
      const scenario = readJson(scenarioPath);
      const plain = simulateCall(flow, scenario);
      const resumed = simulateCall(flow, scenario, { resumeAtEveryStep: true });
      expect(resumed).toEqual(plain);
    });

    it('is deterministic', () => {
      const flow = loadFlow(folder);
      const scenario = readJson(scenarioPath);
      const first = simulateCall(flow, scenario);
      expect(simulateCall(flow, scenario)).toEqual(first);
      // A flow parsed again (so compiled again) gives the same record too.
      expect(simulateCall(loadFlow(folder), scenario)).toEqual(first);
    });

    it('is written as 2-space JSON with a trailing newline', () => {
      for (const path of [scenarioPath, expectedPath]) {
        const text = readFileSync(path, 'utf8');
        expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      }
    });
  });

  // Ringover, "Annoncer l'enregistrement": an incoming call hears that it may be recorded (and may
  // refuse with *). The example turns it on with settings.recording; the path has no node for it.
  it('ringover-standard: the caller hears the recording announcement before anyone is rung', () => {
    const flow = loadFlow('ringover-standard');
    expect(flow.settings.recording).toMatchObject({ enabled: true, announcement: 'annonce-enregistrement' });
    const commands: EngineCommand[] = [];
    simulateCall(
      flow,
      readJson(join(examples, 'ringover-standard', 'scenarios', 'sales-answers-then-poll.json')),
      {
        onTrace: ({ command }) => {
          if (command !== undefined) commands.push(command);
        },
      },
    );
    const announcement = commands.findIndex(
      (command) => command.type === 'play' && command.sound.id === 'annonce-enregistrement',
    );
    const firstRing = commands.findIndex((command) => command.type === 'ring');
    expect(firstRing).toBeGreaterThan(-1);
    expect(announcement).toBeGreaterThan(-1);
    expect(announcement).toBeLessThan(firstRing);
    expect(commands.slice(0, 2)).toEqual([{ type: 'answer' }, { type: 'startRecording', optOutDigit: '*' }]);
  });

  it('ringover-standard: a caller who presses * during the notice is not recorded', () => {
    const flow = loadFlow('ringover-standard');
    const scenario = readJson(
      join(examples, 'ringover-standard', 'scenarios', 'sales-answers-then-poll.json'),
    ) as {
      caller?: Record<string, unknown>;
    };
    const plain = simulateCall(flow, scenario);
    const commands: EngineCommand[] = [];
    const refused = simulateCall(
      flow,
      { ...scenario, caller: { ...scenario.caller, optOutOfRecording: true } },
      { onTrace: ({ command }) => command !== undefined && commands.push(command) },
    );
    expect(plain.recording).toEqual({ optedOut: false });
    expect(refused.recording).toEqual({ optedOut: true });
    expect(commands.filter((c) => c.type === 'stopRecording')).toHaveLength(1);
    // Refusing the recording changes nothing else about the call.
    expect({ ...refused, recording: null, events: null }).toEqual({
      ...plain,
      recording: null,
      events: null,
    });
  });
});
