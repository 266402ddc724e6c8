import { parseFlow, type FlowDocument, type LegTarget } from '@ringflow/flow-core';

/*
 * The flows of the Asterisk load test and the agents they ring. Agents are the lab's Local test
 * agents (scripts/asterisk/config.ts, [ringflow-agents]): one answers after 1 s and hangs up after
 * the talk time, the two others ring until they are cancelled. The native baseline
 * ([ringflow-native] group-3-<first>) rings the very same three.
 */

/** The number the load flow answers. */
export const LOAD_NUMBER = '+33180000100';
/** The number the bridge-time flow answers (a ring group alone, as the native baseline). */
export const PROBE_NUMBER = '+33180000200';
/** The caller's number of every call. */
export const CALLER_NUMBER = '+33612345678';

/** The agent of the load flow that answers; the agent of the probe flow that answers. */
export const LOAD_ANSWERER = 'alice';
export const PROBE_ANSWERER = 'probe-alice';

/** How long a member rings before the ring group gives up (both sides). */
export const RING_SECONDS = 20;
/** How long the answering agent rings before answering (the `answer-1` agent of the lab). */
export const AGENT_ANSWER_SECONDS = 1;

/** The prompt of the load flow: a file sound, mapped to the lab's generated tune (2.8 s). */
export const PROMPT_FILE = 'sounds/load-prompt.wav';

function flow(input: Record<string, unknown>): FlowDocument {
  const parsed = parseFlow({
    format: 'ringflow.flow/v1',
    timezone: 'Europe/Paris',
    locale: 'en-US',
    ...input,
  });
  if (!parsed.ok) {
    throw new Error(
      `asterisk load: flow "${String(input.id)}" is not valid: ${parsed.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`,
    );
  }
  return parsed.flow;
}

/**
 * Three agents rung at once, the call hung up whatever the ring group ends with; `prompt` (a sound
 * file) plays first, after answering, when given. The load flow and the bridge-time flow differ in
 * that prompt only, so that what they measure differs in that only.
 */
function ringAllFlow(input: {
  id: string;
  name: string;
  members: readonly string[];
  prompt?: string;
}): FlowDocument {
  const { id, name, members, prompt } = input;
  const team = {
    id: 'team',
    kind: 'ringGroup',
    config: {
      members: members.map((agent) => ({ agent })),
      strategy: 'simultaneous',
      ringSeconds: RING_SECONDS,
    },
  };
  // With a prompt, a welcome announcement (which answers the call) comes before the ring group.
  const welcome =
    prompt === undefined
      ? { sounds: [], nodes: [], edges: [] }
      : {
          sounds: [{ id: 'prompt', name: 'Prompt', file: prompt }],
          nodes: [{ id: 'welcome', kind: 'announcement', config: { sound: 'prompt' } }],
          edges: [{ source: 'welcome', port: 'next', target: 'team' }],
        };
  const hangUpAfter = ['afterCall', 'noAnswer', 'unavailable'].map((port) => ({
    source: 'team',
    port,
    target: 'bye',
  }));
  return flow({
    id,
    name,
    entry: prompt === undefined ? 'team' : 'welcome',
    agents: members.map((agent) => ({ id: agent, name: agent })),
    sounds: welcome.sounds,
    nodes: [...welcome.nodes, team, { id: 'bye', kind: 'hangup', config: {} }],
    edges: [...welcome.edges, ...hangUpAfter].map((edge, at) => ({ id: `e${at + 1}`, ...edge })),
  });
}

/**
 * The load flow: answer, play a short prompt, ring three agents at once (one answers after 1 s),
 * talk until the agent hangs up, then hang up.
 */
export function loadFlow(): FlowDocument {
  return ringAllFlow({
    id: 'asterisk-load',
    name: 'Asterisk load test',
    members: ['alice', 'bob', 'carol'],
    prompt: PROMPT_FILE,
  });
}

/**
 * The bridge-time flow: the same ring group alone (no answer, no prompt), as the native
 * `Dial(A&B&C)` it is compared with; the call ends when the agent hangs up.
 */
export function probeFlow(): FlowDocument {
  return ringAllFlow({
    id: 'asterisk-probe',
    name: 'Asterisk bridge-time probe',
    members: ['probe-alice', 'probe-bob', 'probe-carol'],
  });
}

/** The lab agent behaviour of the member that answers: rings 1 s, answers, hangs up `talkSeconds` later. */
export function answeringAgent(talkSeconds: number): string {
  return `answer-${AGENT_ANSWER_SECONDS}-hangup-${talkSeconds}`;
}

/**
 * The dial string of each agent of both flows: the answering member talks `loadTalkSeconds`
 * (load flow) or `probeTalkSeconds` (probe flow); the others ring until cancelled.
 */
export function agentEndpoints(loadTalkSeconds: number, probeTalkSeconds: number) {
  const behaviours: Record<string, string> = {
    [LOAD_ANSWERER]: answeringAgent(loadTalkSeconds),
    [PROBE_ANSWERER]: answeringAgent(probeTalkSeconds),
  };
  return (target: LegTarget): string => {
    if (target.kind !== 'agent') {
      throw new Error(`asterisk load: the flows ring agents only, not ${JSON.stringify(target)}`);
    }
    // As the native group dials them (no /n: the agent's half runs dialplan and is never optimized away).
    return `Local/${behaviours[target.agent] ?? 'never'}@ringflow-agents`;
  };
}

/** The native ring group of the lab with the same three agents: `Dial(first&never&never, RING_SECONDS)`. */
export function nativeGroupExtension(probeTalkSeconds: number): string {
  return `group-3-${answeringAgent(probeTalkSeconds)}`;
}
