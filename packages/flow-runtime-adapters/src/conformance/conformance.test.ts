import type { EngineEvent } from '@ringflow/flow-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../test/runtime-fixtures.js';
import type { AdapterHost, CallAdapter } from '../adapter/adapter.js';
import { createMemoryAdapter } from '../memory/memory-adapter.js';
import { runConformance, type AdapterUnderTest, type ConformanceCaseReport } from './run.js';
import { loadConformanceWorld, type ConformanceWorld } from './world.js';

let world: ConformanceWorld;
beforeAll(async () => {
  world = await loadConformanceWorld(EXAMPLES);
});

/** The memory adapter with its events rewritten (or dropped, when `rewrite` returns null) on the way out. */
function tampered(name: string, rewrite: (event: EngineEvent) => EngineEvent | null): () => AdapterUnderTest {
  return () => {
    const memory = createMemoryAdapter();
    const adapter: CallAdapter = {
      ...memory,
      name,
      start: (host: AdapterHost) =>
        memory.start({
          callArrived: (call) => host.callArrived(call),
          callEvent: (callId, event) => {
            const changed = rewrite(event);
            if (changed !== null) host.callEvent(callId, changed);
          },
        }),
    };
    return { adapter, driver: memory };
  };
}

const memoryUnderTest = (): AdapterUnderTest => {
  const adapter = createMemoryAdapter();
  return { adapter, driver: adapter };
};

describe('loadConformanceWorld', () => {
  it('loads the four examples and their 44 scenarios', () => {
    expect(world.examples.map((example) => [example.name, example.scenarios.length])).toEqual([
      ['evatel-receptionist', 10],
      ['goto-dial-plan', 10],
      ['onoff-greeting', 12],
      ['ringover-standard', 12],
    ]);
  });
});

describe('runConformance', () => {
  it('the memory adapter matches the simulator on every example scenario, times included', async () => {
    const seen: ConformanceCaseReport[] = [];
    const report = await runConformance(memoryUnderTest, world, {
      timeToleranceSeconds: 0,
      onCase: (item) => seen.push(item),
    });
    expect(report.text).toBe('Conformance of adapter "memory": all 44 scenarios match the simulator.\n');
    expect(report).toMatchObject({ adapter: 'memory', ok: true, passed: 44, failed: 0 });
    expect(seen).toHaveLength(44);
    // Each case really ran a call through the runtime: a record of the example's flow.
    for (const item of seen)
      expect(item.actual).toMatchObject({ flowVersion: 1, outcome: item.expected.outcome });
  }, 60_000);

  it('plays scenarios side by side when asked to, and reports them in the order of the world', async () => {
    let running = 0;
    let most = 0;
    const finished: string[] = [];
    const report = await runConformance(
      async ({ scenario }) => {
        running += 1;
        most = Math.max(most, running);
        // The first scenarios take longest, so they finish last when several run at once.
        await new Promise((resolve) => setTimeout(resolve, scenario.name < 'm' ? 30 : 1));
        const under = memoryUnderTest();
        return {
          ...under,
          dispose: () => {
            running -= 1;
            finished.push(scenario.name);
          },
        };
      },
      world,
      { concurrency: 4, filter: (example) => example === 'onoff-greeting' },
    );
    expect(report).toMatchObject({ ok: true, passed: 12 });
    expect(most).toBe(4);
    const names = world.examples
      .find((example) => example.name === 'onoff-greeting')!
      .scenarios.map((s) => s.name);
    expect(report.cases.map((item) => item.scenario)).toEqual(names);
    expect(finished).not.toEqual(names);
    await expect(runConformance(memoryUnderTest, world, { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });

  it('shows which leg status an adapter gets wrong', async () => {
    // Declined calls reported as unanswered: REJECTED legs read NO_ANSWER.
    const confused = tampered('confused', (event) =>
      event.type === 'leg.failed' && event.reason === 'rejected' ? { ...event, reason: 'noAnswer' } : event,
    );
    const report = await runConformance(confused, world, {
      filter: (example) => example === 'onoff-greeting' || example === 'ringover-standard',
    });
    expect(report).toMatchObject({ ok: false, passed: 22, failed: 2 });
    expect(report.text).toBe(
      [
        'Conformance of adapter "confused": 2 of 24 scenarios differ from the simulator.',
        '',
        'FAIL onoff-greeting / first-agent-declines-second-answers',
        '  legs differ (- simulator, + adapter):',
        '    - boucle-appel lea REJECTED',
        '    + boucle-appel lea NO_ANSWER',
        '      boucle-appel hugo ANSWERED',
        '',
        'FAIL ringover-standard / accounting-declines-voicemail',
        '  legs differ (- simulator, + adapter):',
        '    - comptabilite nathalie REJECTED',
        '    + comptabilite nathalie NO_ANSWER',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('shows the outcome, the path and the legs of an adapter that never reports answers', async () => {
    const deaf = tampered('deaf', (event) => (event.type === 'leg.answered' ? null : event));
    const report = await runConformance(deaf, world, {
      filter: (example, scenario) =>
        example === 'onoff-greeting' && scenario === 'first-agent-declines-second-answers',
    });
    expect(report.text).toBe(
      [
        'Conformance of adapter "deaf": 1 of 1 scenarios differ from the simulator.',
        '',
        'FAIL onoff-greeting / first-agent-declines-second-answers',
        '  outcome: expected "answered" (simulator), got "missed" (adapter)',
        '  answeredBy: expected "hugo" (simulator), got null (adapter)',
        '  missedReason: expected null (simulator), got "noAnswer" (adapter)',
        '  path differs (- simulator, + adapter):',
        '      accueil',
        '      horaires',
        '      boucle-appel',
        '    + conseillers-occupes',
        '  legs differ (- simulator, + adapter):',
        '      boucle-appel lea REJECTED',
        '    - boucle-appel hugo ANSWERED',
        '    + boucle-appel hugo NO_ANSWER',
        '    + boucle-appel ines NO_ANSWER',
        '    + boucle-appel lea REJECTED',
        '    + boucle-appel hugo NO_ANSWER',
        '    + boucle-appel ines NO_ANSWER',
        '',
      ].join('\n'),
    );
  });

  it('compares times when asked to, within the tolerance', async () => {
    // Every prompt ends a second late.
    const slow = (): AdapterUnderTest => {
      const memory = createMemoryAdapter();
      const adapter: CallAdapter = {
        ...memory,
        name: 'slow',
        start: (host) =>
          memory.start({
            callArrived: (call) => host.callArrived(call),
            callEvent: (callId, event) => {
              if (event.type !== 'playback.finished') return host.callEvent(callId, event);
              memory.virtualClock!.schedule(memory.clock.now() + 1000, () => host.callEvent(callId, event));
            },
          }),
      };
      return { adapter, driver: memory };
    };
    const filter = (example: string, scenario: string) =>
      example === 'ringover-standard' && scenario === 'sales-answers-then-poll';
    const strict = await runConformance(slow, world, { filter, timeToleranceSeconds: 0 });
    expect(strict.ok).toBe(false);
    expect(strict.cases[0]!.differences).toContainEqual(
      expect.stringMatching(/^waitSeconds: expected \d+ \(simulator\), got \d+ \(adapter\), tolerance 0$/),
    );
    const loose = await runConformance(slow, world, { filter });
    expect(loose.ok).toBe(true);
  });

  it('reports an adapter that cannot be set up, and one whose call never ends, without throwing', async () => {
    const filter = (example: string, scenario: string) =>
      example === 'onoff-greeting' && scenario === 'all-agents-unavailable';
    const broken = await runConformance(
      () => {
        throw new Error('cannot reach the PBX');
      },
      world,
      { filter },
    );
    expect(broken.text).toContain(
      'FAIL onoff-greeting / all-agents-unavailable\n  error: cannot reach the PBX\n',
    );

    // A driver that never places the call: the kit gives up after caseTimeoutMs of real time.
    const silent = await runConformance(
      () => ({ adapter: createMemoryAdapter(), driver: { placeCall: () => new Promise(() => {}) } }),
      world,
      { filter, caseTimeoutMs: 20 },
    );
    expect(silent.text).toContain('  error: no call record after 20 ms\n');
    expect(silent.ok).toBe(false);
  });

  it('lists the commands an adapter failed to execute', async () => {
    const filter = (example: string, scenario: string) =>
      example === 'onoff-greeting' && scenario === 'all-agents-unavailable';
    const report = await runConformance(
      () => {
        const memory = createMemoryAdapter();
        const adapter: CallAdapter = {
          ...memory,
          name: 'no-early-media',
          commands: {
            ...memory.commands,
            play: (call, command) =>
              command.early
                ? Promise.reject(new Error('early media unsupported'))
                : memory.commands.play(call, command),
          },
        };
        return { adapter, driver: memory };
      },
      world,
      { filter },
    );
    expect(report.cases[0]!.differences).toContain(
      'adapter error: command "play" failed: early media unsupported',
    );
  });

  it('says so when no scenario was played', async () => {
    const report = await runConformance(memoryUnderTest, world, { filter: () => false });
    expect(report).toMatchObject({ ok: false, passed: 0, failed: 0 });
    expect(report.text).toBe('Conformance of adapter "(no adapter)": no scenario was played.\n');
  });
});
