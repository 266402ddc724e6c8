import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseFlowText, parseScenarioText, simulateCall, type CallResult } from '@ringflow/flow-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runInProcess, smallFlow, writeIn } from '../../../test/helpers.js';
import { formatEventDetails, formatLocalTime, formatOffset, formatSeconds } from './simulate.js';

// Paths as a user types them at the root of the repository.
const ROOT = resolve(import.meta.dirname, '../../../../..');
const ONOFF = 'examples/onoff-greeting/flow.json';
const RINGOVER = 'examples/ringover-standard/flow.json';
const SCENARIOS = 'packages/flow-runtime-adapters/test/fixtures/scenarios';
const WEEKDAY = `${SCENARIOS}/onoff-weekday-answered.json`;
const SUNDAY = `${SCENARIOS}/onoff-sunday-on-call.json`;
const SUPPORT_POLL = `${SCENARIOS}/ringover-support-poll.json`;

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** What flow-core itself gives for a flow file and a scenario file of the repository. */
async function simulateDirectly(flowFile: string, scenarioFile: string): Promise<CallResult> {
  const flow = parseFlowText(await readFile(join(ROOT, flowFile), 'utf8')).flow!;
  return simulateCall(flow, JSON.parse(await readFile(join(ROOT, scenarioFile), 'utf8')));
}

const simulate = (args: string[], cwd = ROOT) => runInProcess(['simulate', ...args], cwd);

describe('ringflow simulate: the summary', () => {
  it('prints the outcome, the path with labels, the legs and the timeline of a call', async () => {
    const run = await simulate([ONOFF, '--scenario', WEEKDAY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'flow           onoff-greeting (Greeting – Immobilière des Quais)',
        `scenario       ${WEEKDAY}`,
        'call           +33612345678 -> +33556000000',
        'started        Tuesday 2026-11-24 10:00:00 (Europe/Paris)',
        'outcome        answered',
        'answered by    hugo (Hugo Mercier)',
        'missed reason  -',
        'wait           27 s',
        'duration       72 s (1 min 12 s)',
        '',
        'Path (3)',
        '  1  accueil       Message d’accueil         announcement',
        '  2  horaires      Horaires ouvrés ?         businessHours',
        '  3  boucle-appel  Boucle d’appel (cascade)  ringGroup',
        '',
        'Legs (2)',
        '  node          agent or number      status     ring',
        '  boucle-appel  lea (Léa Fontaine)   NO_ANSWER  15 s',
        '  boucle-appel  hugo (Hugo Mercier)  ANSWERED    4 s',
        '',
        'Polls: none',
        '',
        'Events (14)',
        '  +0:00  call.started          -             from: +33612345678, to: +33556000000',
        '  +0:00  node.entered          accueil',
        '  +0:08  node.exited           accueil       port: next',
        '  +0:08  node.entered          horaires',
        '  +0:08  schedule.checked      horaires      schedule: horaires-ouvres, status: open, rule: weekly',
        '  +0:08  node.exited           horaires      port: open',
        '  +0:08  node.entered          boucle-appel',
        '  +0:23  leg.status            boucle-appel  agent: lea, status: NO_ANSWER',
        '  +0:27  call.channelAnswered  boucle-appel',
        '  +0:27  leg.status            boucle-appel  agent: hugo, status: ANSWERED',
        '  +0:27  bridge.started        boucle-appel  legId: leg3, with: hugo',
        '  +1:12  bridge.ended          boucle-appel  legId: leg3',
        '  +1:12  node.exited           boucle-appel  port: afterCall, hangup: true',
        '  +1:12  call.ended            -             outcome: answered',
        '',
      ].join('\n'),
    );
  });

  it('shows a forward to an external number and a hidden caller, in French with --lang fr', async () => {
    const run = await simulate([ONOFF, '--scenario', SUNDAY, '--lang', 'fr']);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out.slice(2, 9)).toEqual([
      'appel        numéro masqué -> +33556000000',
      'début        dimanche 2026-11-29 15:00:00 (Europe/Paris)',
      'issue        forwarded',
      'répondu par  +33639980100',
      'motif        -',
      'attente      21 s',
      'durée        111 s (1 min 51 s)',
    ]);
    expect(out).toContain('Parcours (4)');
    expect(out).toContain('  4  astreinte          Collaborateur d’astreinte (mobile)  forward');
    expect(out).toContain('  nœud       agent ou numéro  statut    sonnerie');
    expect(out).toContain('  astreinte  +33639980100     ANSWERED       6 s');
    expect(out).toContain('Sondages: aucun');
    expect(out).toContain('Événements (15)');
  });

  it('lists poll answers with the agent they are credited to, busy legs, and the recording', async () => {
    const run = await simulate([RINGOVER, '--scenario', SUPPORT_POLL]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toContain('answered by    karim (Karim Haddad)');
    expect(out).toContain('  6  sondage-sav  Sondage satisfaction – SAV            poll');
    expect(out).toContain('  sav   julie (Julie Moreau)  INCALL     0 s');
    expect(out).toContain('  sav   karim (Karim Haddad)  ANSWERED   6 s');
    const polls = out.indexOf('Polls (2)');
    expect(out.slice(polls + 1, polls + 4)).toEqual([
      '  poll              question    value  agent',
      '  satisfaction-sav  accueil         4  karim (Karim Haddad)',
      '  satisfaction-sav  resolution      5  karim (Karim Haddad)',
    ]);
    expect(out).toContain('recording      recorded');
    expect(out).toContain('  +0:00  recording.started     -');
    expect(out).toContain('  +0:30  digit.received        menu         digit: 2');
    expect(out).toContain('  +3:00  poll.outOfRange       sondage-sav  question: resolution, digit: 9');
  });

  it('says when the caller opted out of the recording', async () => {
    const scenario = JSON.parse(await readFile(join(ROOT, SUPPORT_POLL), 'utf8')) as {
      caller: Record<string, unknown>;
    };
    scenario.caller.optOutOfRecording = true;
    await writeIn(dir, 'opt-out.json', JSON.stringify(scenario));
    const run = await simulate([join(ROOT, RINGOVER), '--scenario', 'opt-out.json', '--lang', 'fr'], dir);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toContain('enregistrement  refusé par l’appelant');
    expect(out).toContain('  +0:01  recording.optedOut    -');
  });

  it('names the mailbox and the length of a voicemail, and the reason of a missed call', async () => {
    const flow = smallFlow();
    flow.nodes = [
      { id: 'welcome', kind: 'announcement', config: { sound: 'welcome' } },
      { id: 'ring', kind: 'ringGroup', config: { members: [{ agent: 'alice' }], ringSeconds: 10 } },
      { id: 'box', kind: 'voicemail', label: 'Messagerie', config: { mailbox: 'shared', maxSeconds: 30 } },
    ];
    flow.agents = [{ id: 'alice', name: 'Alice Martin' }];
    flow.edges = [
      { id: 'e1', source: 'welcome', port: 'next', target: 'ring' },
      { id: 'e2', source: 'ring', port: 'noAnswer', target: 'box' },
      { id: 'e3', source: 'ring', port: 'unavailable', target: 'box' },
    ];
    await writeIn(dir, 'voicemail-flow.json', JSON.stringify(flow));
    const call = { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' };
    await writeIn(dir, 'message.json', JSON.stringify({ call, caller: { messageSeconds: 45 } }));
    const left = await simulate(['voicemail-flow.json', '--scenario', 'message.json'], dir);
    expect(left.code).toBe(0);
    const out = lines(left.stdout);
    expect(out.slice(4, 10)).toEqual([
      'outcome        voicemail',
      'answered by    -',
      'missed reason  noAgentAvailable',
      'voicemail      shared, 30 s',
      'wait           31 s',
      'duration       31 s',
    ]);
    expect(out).toContain('  3  box      Messagerie  voicemail');
    expect(out).toContain('  ring  alice (Alice Martin)  NOT_CONNECTED     -');
    expect(out).toContain('  +0:31  voicemail.recorded    box      mailbox: shared, seconds: 30');

    await writeIn(dir, 'hang-up.json', JSON.stringify({ call, caller: { hangupAfterSeconds: 1 } }));
    const gone = await simulate(['voicemail-flow.json', '--scenario', 'hang-up.json'], dir);
    expect(lines(gone.stdout).slice(4, 9)).toEqual([
      'outcome        abandoned',
      'answered by    -',
      'missed reason  callerHungUp',
      'wait           1 s',
      'duration       1 s',
    ]);
    expect(lines(gone.stdout)).toContain('Legs: none');
  });

  it('keeps text from the flow on one line, without control characters', async () => {
    const flow = smallFlow();
    (flow.nodes as Array<Record<string, unknown>>)[0]!.label = 'Hello\u001b[2J\nworld\u202e';
    await writeIn(dir, 'hostile.json', JSON.stringify(flow));
    const call = { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' };
    await writeIn(dir, 'plain.json', JSON.stringify({ call }));
    const run = await simulate(['hostile.json', '--scenario', 'plain.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  1  welcome  Hello\\u001b[2J\\u000aworld\\u202e  announcement');
    expect(run.stdout.includes('\u001b') || run.stdout.includes('\u202e')).toBe(false);
  });
});

describe('ringflow simulate --json', () => {
  it('prints the call record of DESIGN 6, exactly what flow-core gives', async () => {
    const run = await simulate([ONOFF, '--json', '--scenario', WEEKDAY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as CallResult;
    expect(Object.keys(result)).toEqual([
      'outcome',
      'answeredBy',
      'missedReason',
      'startedAt',
      'endedAt',
      'waitSeconds',
      'durationSeconds',
      'path',
      'legs',
      'polls',
      'events',
    ]);
    expect(result).toEqual(await simulateDirectly(ONOFF, WEEKDAY));
    expect(result).toMatchObject({
      outcome: 'answered',
      answeredBy: 'hugo',
      missedReason: null,
      waitSeconds: 27,
      durationSeconds: 72,
      path: ['accueil', 'horaires', 'boucle-appel'],
      legs: [
        { node: 'boucle-appel', agent: 'lea', status: 'NO_ANSWER', ringSeconds: 15 },
        { node: 'boucle-appel', agent: 'hugo', status: 'ANSWERED', ringSeconds: 4 },
      ],
    });
    expect(run.stdout).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });

  it('gives the same output on every run', async () => {
    const first = await simulate([RINGOVER, '--scenario', SUPPORT_POLL, '--json']);
    const second = await simulate([RINGOVER, '--scenario', SUPPORT_POLL, '--json']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout)).toEqual(await simulateDirectly(RINGOVER, SUPPORT_POLL));
  });
});

describe('ringflow simulate: problems', () => {
  const call = { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' };

  it('needs --scenario', async () => {
    expect(await simulate([ONOFF])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: missing option --scenario SCENARIO.json (run "ringflow help simulate" for usage)\n',
    });
    expect((await simulate([ONOFF, '--scenario'])).stderr).toBe(
      'ringflow: option --scenario needs a value (SCENARIO.json) (run "ringflow help simulate" for usage)\n',
    );
    expect((await simulate(['--scenario', WEEKDAY])).stderr).toBe(
      'ringflow: missing argument FLOW.json (run "ringflow help simulate" for usage)\n',
    );
  });

  it('reports every error of the scenario with its path on stderr, and exits 1', async () => {
    await writeIn(
      dir,
      'bad-scenario.json',
      JSON.stringify({
        call: { from: '0612', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' },
        agents: { lea: { status: 'away' } },
        caller: { inputs: ['1', 42] },
        extra: true,
      }),
    );
    const run = await simulate([join(ROOT, ONOFF), '--scenario', 'bad-scenario.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const out = lines(run.stderr);
    expect(out[0]).toBe('bad-scenario.json: 4 errors, 0 warnings');
    expect(out.slice(1).map((line) => line.trim().split(/\s+/).slice(0, 3))).toEqual([
      ['error', 'invalid_number', 'call.from'],
      ['error', 'invalid_value', 'agents.lea.status'],
      ['error', 'invalid_type', 'caller.inputs[1]'],
      ['error', 'unknown_field', 'extra'],
    ]);
  });

  it('prints the scenario errors as JSON with --json, naming the file, in French with --lang fr', async () => {
    await writeIn(dir, 'bad-status.json', JSON.stringify({ call, agents: { lea: { status: 'away' } } }));
    const run = await simulate(
      [join(ROOT, ONOFF), '--scenario', 'bad-status.json', '--json', '--lang=fr'],
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['ok', 'file', 'errors', 'warnings']);
    expect(report).toMatchObject({
      ok: false,
      file: 'bad-status.json',
      errors: [
        {
          code: 'invalid_value',
          path: ['agents', 'lea', 'status'],
          message: 'Valeur attendue : "available" ou "offline" ou "snooze" ou "inCall".',
        },
      ],
      warnings: [],
    });
  });

  it('refuses scenario text that is not clean JSON, with the line and column', async () => {
    const cases: Array<[string, string | Uint8Array, string, string]> = [
      ['syntax.json', '{\n  "call": oops\n}', 'invalid_json', 'not valid JSON (line 2, column 11)'],
      ['empty.json', '', 'invalid_json', 'not valid JSON (line 1, column 1)'],
      [
        'twice.json',
        JSON.stringify({ call }).replace('{"call"', '{"talkSeconds": 5, "talkSeconds": 6, "call"'),
        'duplicate_key',
        'The key "talkSeconds" appears twice in the same object (line 1).',
      ],
      [
        'proto.json',
        JSON.stringify({ call }).replace('{"call"', '{"soundSeconds": {"__proto__": 1}, "call"'),
        'forbidden_key',
        'The key "__proto__" is not allowed',
      ],
      ['deep.json', '['.repeat(100_000) + ']'.repeat(100_000), 'too_deeply_nested', 'nested more than'],
      ['latin1.json', Uint8Array.from([0x7b, 0xe9, 0x7d]), 'invalid_json', 'invalid UTF-8 byte 0xE9'],
    ];
    for (const [name, content, code, message] of cases) {
      await writeIn(dir, name, content);
      const run = await simulate([join(ROOT, ONOFF), '--scenario', name, '--json'], dir);
      expect(run.code, name).toBe(1);
      const report = JSON.parse(run.stdout) as { errors: Array<{ code: string; message: string }> };
      expect(
        report.errors.map((e) => e.code),
        name,
      ).toEqual([code]);
      expect(report.errors[0]!.message, name).toContain(message);
    }
  });

  it('refuses a scenario file over 10 MiB without reading it', async () => {
    const path = join(dir, 'huge-scenario.json');
    await writeFile(path, '');
    await truncate(path, 50 * 1024 * 1024);
    const run = await simulate([join(ROOT, ONOFF), '--scenario', 'huge-scenario.json'], dir);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)[1]).toContain('document_too_large');
  });

  it('reports an unreadable scenario on one line, or as file_unreadable with --json, and exits 2', async () => {
    expect(await simulate([ONOFF, '--scenario', 'nope.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: cannot read nope.json: no such file\n',
    });
    const json = await simulate([ONOFF, '--scenario', 'packages', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      file: 'packages',
      errors: [{ code: 'file_unreadable', params: { file: 'packages', reason: 'is_directory' } }],
    });
  });

  it('checks the flow first: a flow with errors is reported as validate does, and nothing runs', async () => {
    const broken = 'packages/flow-runtime-adapters/test/fixtures/invalid/broken-references.json';
    const run = await simulate([broken, '--scenario', 'nope.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const out = lines(run.stderr);
    expect(out[0]).toBe(`${broken}: 2 errors, 3 warnings`);
    expect(out[1]).toMatch(
      /^ {2}error {3}unknown_agent +nodes\[1\]\.config\.members\[1\]\.agent \(node ring\)/,
    );
    expect(run.stderr).not.toContain('nope.json');
    const json = await simulate([broken, '--scenario', WEEKDAY, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      file: broken,
      errors: [{ code: 'unknown_agent' }, { code: 'edge_unknown_target' }],
    });
    expect(await simulate(['missing-flow.json', '--scenario', WEEKDAY])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ringflow: cannot read missing-flow.json: no such file\n',
    });
  });

  it('simulates a flow that has warnings only', async () => {
    const flow = smallFlow();
    (flow.nodes as unknown[]).push({ id: 'lost', kind: 'hangup' });
    await writeIn(dir, 'warned.json', JSON.stringify(flow));
    await writeIn(dir, 'simple.json', JSON.stringify({ call }));
    const run = await simulate(['warned.json', '--scenario', 'simple.json', '--json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'completed', path: ['welcome', 'bye'] });
  });

  it('is listed in the general help, with its own help', async () => {
    expect((await runInProcess(['help'])).stdout).toMatch(/^ {2}simulate FLOW\.json +Simulate one call/m);
    const help = await runInProcess(['help', 'simulate']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: ringflow simulate FLOW.json \[options\]\n/);
    expect(help.stdout).toContain('--scenario SCENARIO.json');
    expect(help.stdout).toContain('--lang en|fr');
  });
});

describe('docs/cli.md', () => {
  /** The code blocks of the simulate section, in order. */
  async function sectionBlocks(): Promise<string[]> {
    const doc = await readFile(join(ROOT, 'docs/cli.md'), 'utf8');
    const start = doc.indexOf('### `ringflow simulate');
    const section = doc.slice(start, doc.indexOf('\n### ', start + 1));
    return [...section.matchAll(/```\w+\n([\s\S]*?)```/g)].map((match) => match[1]!);
  }

  it('shows the real summary and the real record of its example', async () => {
    const [scenario, summary, record] = await sectionBlocks();
    expect(JSON.parse(scenario!)).toEqual(JSON.parse(await readFile(join(ROOT, WEEKDAY), 'utf8')));
    await writeIn(dir, 'weekday.json', scenario!);
    const text = await simulate([join(ROOT, ONOFF), '--scenario', 'weekday.json'], dir);
    expect(summary).toBe(`$ npx ringflow simulate ${ONOFF} --scenario weekday.json\n${text.stdout}`);
    const json = await simulate([join(ROOT, ONOFF), '--scenario', 'weekday.json', '--json'], dir);
    expect(JSON.parse(record!)).toEqual(JSON.parse(json.stdout));
  });

  it('shows the real report of a scenario with errors', async () => {
    const [, , , text, json] = await sectionBlocks();
    const call = { from: '0612', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' };
    await writeIn(dir, 'bad.json', JSON.stringify({ call, agents: { lea: { status: 'away' } } }));
    const run = await simulate([join(ROOT, ONOFF), '--scenario', 'bad.json'], dir);
    expect(text).toBe(`$ npx ringflow simulate ${ONOFF} --scenario bad.json\n${run.stderr}`);
    const report = JSON.parse(
      (await simulate([join(ROOT, ONOFF), '--scenario', 'bad.json', '--json'], dir)).stdout,
    ) as { errors: unknown[] };
    expect(JSON.parse(json!)).toEqual({ ...report, errors: report.errors.slice(0, 1) });
  });
});

describe('engine behaviour that the summary shows (reported to the engine owner when it fails)', () => {
  it('records an agent who answers exactly when the ring time runs out as TOOLATE while the call goes on', async () => {
    // DESIGN 4: TOOLATE is an answer after the call was taken or gone. When the ring time running out
    // also ends the call (noAnswer unwired), the call record is closed at that instant and the leg
    // stays NO_ANSWER (docs/decisions.md): nothing is added to a record after the call has ended.
    const flow = smallFlow();
    flow.agents = [{ id: 'alice', name: 'Alice Martin' }];
    flow.nodes = [
      { id: 'ring', kind: 'ringGroup', config: { members: [{ agent: 'alice' }], ringSeconds: 20 } },
      { id: 'bye', kind: 'hangup', config: { sound: 'welcome' } },
    ];
    flow.entry = 'ring';
    flow.edges = [{ id: 'e1', source: 'ring', port: 'noAnswer', target: 'bye' }];
    await writeIn(dir, 'ring-then-bye.json', JSON.stringify(flow));
    await writeIn(
      dir,
      'ring-only.json',
      JSON.stringify({ ...flow, nodes: (flow.nodes as unknown[]).slice(0, 1), edges: [] }),
    );
    const call = { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' };
    await writeIn(
      dir,
      'at-twenty.json',
      JSON.stringify({ call, agents: { alice: { answerAfterSeconds: 20 } } }),
    );
    const goesOn = JSON.parse(
      (await simulate(['ring-then-bye.json', '--scenario', 'at-twenty.json', '--json'], dir)).stdout,
    ) as CallResult;
    expect(goesOn.legs).toEqual([{ node: 'ring', agent: 'alice', status: 'TOOLATE', ringSeconds: 20 }]);
    const ends = JSON.parse(
      (await simulate(['ring-only.json', '--scenario', 'at-twenty.json', '--json'], dir)).stdout,
    ) as CallResult;
    expect(ends.outcome).toBe('missed');
    expect(ends.legs).toEqual([{ node: 'ring', agent: 'alice', status: 'NO_ANSWER', ringSeconds: 20 }]);
  });
  it('keeps the caller’s opt-out key out of the flow when the recording has no notice', async () => {
    // settings.recording with an opt-out key and no announcement: there is no notice to refuse the
    // recording during, yet the simulated caller presses `*` 1 s after the start, in the entry menu,
    // which takes it as a wrong key instead of the `1` of the scenario.
    const flow = smallFlow();
    flow.settings = { recording: { enabled: true, optOutDigit: '*' } };
    flow.entry = 'menu';
    flow.nodes = [
      { id: 'menu', kind: 'menu', config: { prompt: 'welcome', options: { '1': { label: 'Sales' } } } },
      { id: 'bye', kind: 'hangup' },
    ];
    flow.edges = [{ id: 'e1', source: 'menu', port: '1', target: 'bye' }];
    await writeIn(dir, 'recorded-menu.json', JSON.stringify(flow));
    const call = { from: '+33612345678', to: '+33180000000', at: '2026-11-24T09:30:00+01:00' };
    const caller = { inputs: ['1'], optOutOfRecording: true };
    await writeIn(dir, 'refuses.json', JSON.stringify({ call, caller }));
    const run = await simulate(['recorded-menu.json', '--scenario', 'refuses.json', '--json'], dir);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as CallResult;
    expect(result.events.filter((event) => event.type === 'digit.received')).toMatchObject([{ digit: '1' }]);
    expect(result.path).toEqual(['menu', 'bye']);
  });
});

describe('parseScenarioText', () => {
  it('gives the scenario with its defaults', () => {
    const parsed = parseScenarioText('{"call": {"from": null, "to": "100", "at": "2026-01-05T08:00:00Z"}}');
    expect(parsed).toEqual({
      ok: true,
      scenario: {
        call: { from: null, to: '100', at: '2026-01-05T08:00:00Z' },
        agents: {},
        numbers: {},
        caller: { inputs: [], optOutOfRecording: false, messageSeconds: 20 },
        talkSeconds: 60,
        soundSeconds: {},
      },
      issues: [],
    });
  });

  it('reports what is wrong with the value when the text is fine', () => {
    const parsed = parseScenarioText('{"nodes": [], "format": "ringflow.flow/v1"}');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((issue) => issue.code)).toEqual([
      'missing_field',
      'unknown_field',
      'unknown_field',
    ]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const parsed = parseScenarioText(text);
          expect(typeof parsed.ok).toBe('boolean');
          if (!parsed.ok) expect(parsed.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('formatting helpers', () => {
  it('formats offsets from the start of the call', () => {
    expect(formatOffset(0)).toBe('+0:00');
    expect(formatOffset(8_000)).toBe('+0:08');
    expect(formatOffset(72_000)).toBe('+1:12');
    expect(formatOffset(1_500)).toBe('+0:01.5');
    expect(formatOffset(3_723_250)).toBe('+1:02:03.25');
    expect(formatOffset(-2_000)).toBe('-0:02');
  });

  it('formats durations', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(59)).toBe('59 s');
    expect(formatSeconds(60)).toBe('60 s (1 min)');
    expect(formatSeconds(3_725)).toBe('3725 s (1 h 2 min 5 s)');
    expect(formatSeconds(3_600, 'fr')).toBe('3600 s (1 h)');
  });

  it('formats an instant in the flow’s time zone, across daylight saving time', () => {
    expect(formatLocalTime('2026-11-24T09:00:00.000Z', 'Europe/Paris')).toBe(
      'Tuesday 2026-11-24 10:00:00 (Europe/Paris)',
    );
    expect(formatLocalTime('2026-07-14T09:00:00.000Z', 'Europe/Paris', 'fr')).toBe(
      'mardi 2026-07-14 11:00:00 (Europe/Paris)',
    );
    expect(formatLocalTime('2026-07-14T03:30:00.000Z', 'America/New_York')).toBe(
      'Monday 2026-07-13 23:30:00 (America/New_York)',
    );
  });

  it('lists the details of an event, without its time, type and node', () => {
    expect(
      formatEventDetails({ at: 'x', type: 'node.exited', node: 'n', port: 'next', hangup: true, n: null }),
    ).toBe('port: next, hangup: true, n: null');
    expect(formatEventDetails({ at: 'x', type: 'node.entered', node: 'n' })).toBe('');
  });
});

describe('ringflow simulate on any scenario', () => {
  it('ends with exit code 0 or 1 and never throws, whatever JSON the scenario holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        await writeFile(join(dir, 'any.json'), JSON.stringify(value) ?? 'null');
        const run = await simulate([join(ROOT, ONOFF), '--scenario', 'any.json', '--json'], dir);
        expect([0, 1]).toContain(run.code);
        expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with flow-core and lists every leg and event, for any agents and any time', async () => {
    const flow = parseFlowText(await readFile(join(ROOT, ONOFF), 'utf8')).flow!;
    const behaviour = fc.record(
      {
        status: fc.constantFrom('available', 'offline', 'snooze', 'inCall'),
        answerAfterSeconds: fc.integer({ min: 0, max: 40 }),
        answer: fc.constant('never' as const),
        reject: fc.boolean(),
      },
      { requiredKeys: ['status'] },
    );
    const scenario = fc.record({
      call: fc.record({
        from: fc.option(fc.constantFrom('+33612345678', '+33899123456'), { nil: null }),
        to: fc.constant('+33556000000'),
        at: fc
          .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) })
          .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString()),
      }),
      agents: fc.record({ lea: behaviour, hugo: behaviour, ines: behaviour }, { requiredKeys: [] }),
      numbers: fc.record({ '+33639980100': behaviour.map(({ status: _status, ...rest }) => rest) }),
      talkSeconds: fc.integer({ min: 1, max: 600 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async (value) => {
        await writeFile(join(dir, 'generated.json'), JSON.stringify(value));
        const args = [join(ROOT, ONOFF), '--scenario', 'generated.json'];
        const json = await simulate([...args, '--json'], dir);
        expect(json.code).toBe(0);
        const result = JSON.parse(json.stdout) as CallResult;
        expect(result).toEqual(simulateCall(flow, value));
        const text = await simulate(args, dir);
        expect(text.code).toBe(0);
        const out = lines(text.stdout);
        expect(out).toContain(`outcome        ${result.outcome}`);
        const events = out.indexOf(`Events (${result.events.length})`);
        expect(events).toBeGreaterThan(0);
        expect(out.length).toBe(events + 1 + result.events.length);
        if (result.legs.length === 0) expect(out).toContain('Legs: none');
        else expect(out).toContain(`Legs (${result.legs.length})`);
      }),
      { numRuns: 40 },
    );
  });
});
