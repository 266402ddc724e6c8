import {
  NODE_CATEGORIES,
  NODE_KINDS,
  NODE_KIND_IDS,
  type NodeKindId,
  type PortSpec,
} from '@ringflow/flow-core';
import { z } from 'zod';

/**
 * Renders the node reference pages (docs/nodes/<kind>.md) from the registry, so the docs cannot
 * drift from the code: `npm run docs:nodes` writes them and a test fails when they are stale.
 */

/** Advice an admin needs beyond the schema, one entry per kind: the compiler reports a kind left out. */
const USAGE: Record<NodeKindId, string> = {
  announcement:
    'Use it for the welcome message, the recording notice or a closing message. With `answer: false` the message plays as early media: the caller hears it but the call is not answered (and not billed) yet.',
  menu: 'Offer at most four or five keys and say them in the order callers press them. The `invalid` and `timeout` outputs are taken only after the last attempt; wire them to a ring group or a voicemail rather than letting the call hang up.',
  businessHours:
    'Put it right after the welcome message. Public holidays are computed for the schedule’s country, so they never need to be typed in by hand.',
  ringGroup:
    'Simultaneous rings everybody at once for `ringSeconds`; cascade rings one member at a time for `ringSeconds` each. `repeat` replays the whole sequence. Members whose status is listed in `skip` are not rung and appear in the call log with the reason (NOT_CONNECTED, SNOOZE, PLANNING, INCALL).',
  agentCondition:
    'Use it to skip a step nobody can take: for example go straight to voicemail when every member of the support group is offline or outside their planning.',
  callerMatch:
    'Route VIP customers to a dedicated team, send known numbers to their account manager, or treat hidden numbers differently. Prefixes end with `*` (`+3361*`).',
  poll: 'Place it on the `afterCall` output of a ring group: the caller answers once the agent hangs up, and each answer is credited to that agent.',
  voicemail:
    'A mailbox id can be personal (an agent’s) or shared by a team. The recording ends after `maxSeconds` or when the caller hangs up.',
  forward:
    'Typical use: the on-call mobile outside business hours. `callerId: caller` shows the caller’s number to the person called, `flow` shows the business number.',
  hangup:
    'Ends the call, with a last message if one is given. Every output left unwired also hangs up, without a message.',
};

type JsonSchema = {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  description?: string;
};

function describeSchema(schema: JsonSchema): string {
  if (schema.anyOf) {
    const parts = schema.anyOf.map(describeSchema);
    if (parts.includes('sound id') && parts.some((p) => p.startsWith('object')))
      return 'sound (library id or inline sound)';
    return [...new Set(parts)].join(' or ');
  }
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' / ');
  if (schema.type === 'array') {
    const item = schema.items ? describeSchema(schema.items) : 'value';
    return `list of ${item}`;
  }
  if (schema.type === 'object') {
    const keys = Object.keys(schema.properties ?? {});
    if (keys.length > 0) return `object { ${keys.join(', ')} }`;
    return 'object';
  }
  if (schema.type === 'string' && schema.pattern === '^[A-Za-z][A-Za-z0-9_-]{0,63}$') return 'sound id';
  if (schema.type === 'string' && schema.pattern) return `text matching \`${schema.pattern}\``;
  return String(schema.type ?? 'value');
}

function constraints(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    parts.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.minimum !== undefined) parts.push(`at least ${schema.minimum}`);
  else if (schema.maximum !== undefined) parts.push(`at most ${schema.maximum}`);
  if (schema.maxItems !== undefined) parts.push(`at most ${schema.maxItems} items`);
  if (schema.type === 'array' && schema.items?.enum)
    parts.push(`each one of ${schema.items.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (
    schema.type === 'object' &&
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    parts.push('keyed by keypad key (0-9, *, #)');
  }
  return parts.join('; ');
}

function portRow(port: PortSpec): string {
  const notes = [
    port.terminalSafe ? 'hanging up here is normal (no warning when unwired)' : '',
    port.fallback ? `when unwired, the call follows \`${port.fallback}\`` : '',
  ].filter(Boolean);
  return `| \`${port.id}\` | ${port.label.en} | ${port.label.fr} | ${notes.join('; ')} |`;
}

/** The reference page of one node kind, in Markdown. */
export function renderNodeDoc(id: NodeKindId): string {
  const kind = NODE_KINDS[id];
  const schema = z.toJSONSchema(kind.config as z.ZodType, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  const required = new Set(schema.required ?? []);
  const ports = kind.staticPorts ?? kind.portsOf(kind.config.parse(kind.example) as never);
  const waits =
    kind.waitsFor === 'caller'
      ? 'the caller (a key, a recording)'
      : kind.waitsFor === 'ring'
        ? 'a ring to end'
        : 'nothing: it decides at once';
  const lines = [
    '<!-- Generated by `npm run docs:nodes` from the node-kind registry. Do not edit by hand. -->',
    '',
    `# ${kind.title.en} (\`${kind.kind}\`)`,
    '',
    `French: **${kind.title.fr}** · Category: ${NODE_CATEGORIES[kind.category].en} · Version ${kind.version} · Waits for ${waits}`,
    '',
    kind.description.en,
    '',
    `> ${kind.description.fr}`,
    '',
    '## When to use it',
    '',
    USAGE[id],
    '',
    '## Configuration',
    '',
    '| field | type | required | default | constraints |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(schema.properties ?? {}).map(
      ([name, field]) =>
        `| \`${name}\` | ${describeSchema(field)} | ${required.has(name) ? 'yes' : 'no'} | ${field.default === undefined ? '' : `\`${JSON.stringify(field.default)}\``} | ${constraints(field)} |`,
    ),
    '',
    '## Outputs',
    '',
    ...(kind.portsNote ? [kind.portsNote.en, '', `> ${kind.portsNote.fr}`, ''] : []),
    ports.length === 0
      ? 'None: the call ends here.'
      : [
          kind.staticPorts ? '' : 'For the example below:',
          '',
          '| port | label | libellé | notes |',
          '| --- | --- | --- | --- |',
          ...ports.map(portRow),
        ]
          .join('\n')
          .trim(),
    '',
    '## Example',
    '',
    '```json',
    JSON.stringify(
      {
        id: `my-${kind.kind}`,
        kind: kind.kind,
        label: kind.title.fr,
        position: { x: 0, y: 0 },
        config: kind.config.parse(kind.example),
      },
      null,
      2,
    ),
    '```',
    '',
    'See [the flow format](../flow-format.md) for sounds, members and schedules, and [errors](../errors.md) for what validation reports.',
    '',
  ];
  return lines.join('\n');
}

/** The index page listing every kind by category. */
export function renderNodeIndex(): string {
  const lines = [
    '<!-- Generated by `npm run docs:nodes` from the node-kind registry. Do not edit by hand. -->',
    '',
    '# Node kinds',
    '',
  ];
  for (const [category, title] of Object.entries(NODE_CATEGORIES)) {
    const ids = NODE_KIND_IDS.filter((id) => NODE_KINDS[id].category === category);
    if (ids.length === 0) continue;
    lines.push(`## ${title.en}`, '');
    for (const id of ids)
      lines.push(`- [${NODE_KINDS[id].title.en} (\`${id}\`)](${id}.md): ${NODE_KINDS[id].title.fr}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Every generated page, by file name under docs/nodes/. */
export function renderAllNodeDocs(): Map<string, string> {
  const pages = new Map<string, string>([['README.md', renderNodeIndex()]]);
  for (const id of NODE_KIND_IDS) pages.set(`${id}.md`, renderNodeDoc(id));
  return pages;
}
