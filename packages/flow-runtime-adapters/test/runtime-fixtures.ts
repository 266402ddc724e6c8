import { fileURLToPath } from 'node:url';
import { parseFlow, type FlowDocument } from '@ringflow/flow-core';
import type { LogEntry, RuntimeLogger } from '../src/runtime/logger.js';

/** The repository's examples: four flows and their scenarios. */
export const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** A logger that keeps its entries, and the JSON lines it would have written. */
export function captureLogs(): { logger: RuntimeLogger; entries: LogEntry[]; lines: string[] } {
  const entries: LogEntry[] = [];
  const lines: string[] = [];
  return {
    entries,
    lines,
    logger: (entry) => {
      entries.push(entry);
      lines.push(JSON.stringify(entry));
    },
  };
}

/** The number the test flows answer. */
export const LINE = '+33180000000';

/**
 * A small office: a welcome message (its text names the version), then Alice and Bob rung together
 * for 20 s; after the call, or when nobody answers, the call ends.
 */
export function officeFlow(version = 'one'): FlowDocument {
  const parsed = parseFlow({
    format: 'ringflow.flow/v1',
    id: 'office',
    name: `Office ${version}`,
    timezone: 'Europe/Paris',
    entry: 'welcome',
    agents: [
      { id: 'alice', name: 'Alice', extension: '101' },
      { id: 'bob', name: 'Bob', extension: '102' },
    ],
    sounds: [{ id: 'welcome', tts: { text: `Hello, version ${version}.` } }],
    nodes: [
      { id: `welcome-${version}`, kind: 'announcement', config: { sound: 'welcome' } },
      {
        id: 'team',
        kind: 'ringGroup',
        config: {
          members: [{ agent: 'alice' }, { agent: 'bob' }],
          strategy: 'simultaneous',
          ringSeconds: 20,
        },
      },
    ],
    edges: [{ id: 'e1', source: `welcome-${version}`, port: 'next', target: 'team' }],
  });
  if (!parsed.ok) throw new Error(`officeFlow: ${parsed.issues.map((issue) => issue.message).join('; ')}`);
  return { ...parsed.flow, entry: `welcome-${version}` };
}

/** A scenario on the office line: Alice answers after `answerAfterSeconds`, talks `talkSeconds`. */
export function officeCall(
  options: { at?: string; answerAfterSeconds?: number; talkSeconds?: number; from?: string } = {},
) {
  return {
    call: { from: options.from ?? '+33612345678', to: LINE, at: options.at ?? '2026-11-24T09:30:00+01:00' },
    agents: { alice: { status: 'available' as const, answerAfterSeconds: options.answerAfterSeconds ?? 5 } },
    talkSeconds: options.talkSeconds ?? 60,
  };
}
