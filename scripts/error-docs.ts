import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_ISSUE_CODES,
  FLOW_LIMITS,
  ISSUE_CODES,
  formatJsonPath,
  validateFlowText,
  type FlowIssue,
  type IssueCode,
} from '@ringflow/flow-core';

/**
 * Renders docs/errors.md: one section per issue code, in the order of flow-core's code table. The
 * explanations are written here; what ringflow says is not: it is produced by validating each
 * code's fixture (packages/flow-core/test/fixtures/invalid/<code>.json) when the page is rendered,
 * so the page shows the real messages and paths. `npm run docs:errors` writes the page and a test
 * fails when it is stale.
 */

/** What the page says about one code. */
export interface ErrorDoc {
  /** When the code is raised, in plain words (1-3 sentences). */
  readonly explain: string;
  /** How to make it go away. */
  readonly fix: string;
  /** A short JSON excerpt of a document that raises it. */
  readonly example: string;
}

const MIB = 1024 * 1024;

/** One entry per code: the compiler reports a code left out. */
export const ERROR_DOCS: Record<IssueCode, ErrorDoc> = {
  invalid_json: {
    explain:
      'The text is not valid JSON, so nothing else is checked. The line and column point at the first mistake; the usual ones are a missing or trailing comma, a comment, single quotes, or a key without double quotes. Only a flow given as text can have this problem (`validateFlowText`, `ringflow validate`).',
    fix: 'Correct the text at the line and column given; a missing comma is reported where the next value starts, often on the following line. `serializeFlow` always writes valid JSON.',
    example: '{\n  "entry": "welcome"\n  "settings": { "anonymous": "reject" }\n}',
  },
  document_too_large: {
    explain: `The flow text is larger than ${FLOW_LIMITS.maxBytes / MIB} MiB (${FLOW_LIMITS.maxBytes.toLocaleString('en-US')} bytes of UTF-8), so it is refused before it is read. A flow given as a value (\`validateFlow\`) is refused past 2,000,000 JSON values. Real flows are far smaller: such a file is usually the wrong file, or has something pasted into it, such as a recording encoded as text.`,
    fix: 'Check that this is the flow you meant to load. Keep audio out of the document: store it in a file and give its path in a sound’s `file`.',
    example: '{ "description": "xxxxxxxxxxxxxxxx… (11 MiB of text)" }',
  },
  too_deeply_nested: {
    explain: `Objects and lists are nested more than ${FLOW_LIMITS.maxDepth} levels deep. A flow needs fewer than ten, and deep nesting is a classic way to exhaust a parser, so the document is refused. The path points at the first object or list that is too deep.`,
    fix: 'Remove the nested data (it is never part of a flow). For a developer calling `validateFlow` with an object built in code: an object that contains itself is reported this way too.',
    example:
      '{ "settings": { "recording": { "deep": [[[[[[[[[[[[[[[[[[[[["65 levels"]]]]]]]]]]]]]]]]]]]]] } } }',
  },
  forbidden_key: {
    explain:
      'The keys `__proto__`, `constructor` and `prototype` are refused everywhere in a document, at any depth. Copied into a JavaScript object, such a key can change the behaviour of every object of the program (prototype pollution), so no flow may carry one. Each occurrence is reported.',
    fix: 'Delete the key and what it holds. No field of the flow format has one of these names, so nothing is lost.',
    example: '{ "settings": { "constructor": { "prototype": { "polluted": true } } } }',
  },
  duplicate_key: {
    explain:
      'The same key appears twice in one JSON object. Most JSON readers silently keep the last value, so the file would not mean what it shows; ringflow refuses it. Only a flow given as text can have this problem; a key offered twice in a menu’s `options` is reported as `menu_duplicate_digit`.',
    fix: 'Keep one of the two entries and delete the other. The line given is the second one.',
    example: '{ "id": "full-standard", "name": "Standard complet", "name": "Standard" }',
  },
  unsupported_format: {
    explain:
      '`format` is not `"ringflow.flow/v1"`, the only format this version reads: the file was written by another version of ringflow, or is not a flow. The rest of the document is not checked, since its fields may mean something else in that format.',
    fix: 'If the file comes from a newer ringflow, validate it with that version. If it is a v1 flow with a mistyped tag, write `"format": "ringflow.flow/v1"`.',
    example: '{ "format": "ringflow.flow/v2", "id": "full-standard" }',
  },
  missing_field: {
    explain:
      'A required field is absent: `format`, `id`, `name`, `timezone` or `entry` on the document, `id` and `kind` on a node, `id`, `source`, `port` and `target` on an edge, `id` and `name` on an agent, a group or a schedule, or a field a node kind needs, such as a menu’s `prompt` (each kind’s page in the [node reference](nodes/README.md) says which). A field set to `null` is not missing: it is an `invalid_type`.',
    fix: 'Add the field. The message names it and the path shows the object that lacks it.',
    example:
      '{ "format": "ringflow.flow/v1", "id": "full-standard", "timezone": "Europe/Paris", "entry": "welcome" }',
  },
  unknown_field: {
    explain:
      'An object has a field the format does not define. Every object of a flow is strict, so a misspelt field (`ringSecond` for `ringSeconds`) is reported rather than ignored while the default silently applies.',
    fix: 'Correct the spelling (each kind’s page lists its fields) or delete the field. Notes for people belong in the flow’s `description` or a node’s `label`.',
    example: '{ "id": "sales-ring", "kind": "ringGroup", "config": { "ringSeconds": 20, "ringSecond": 25 } }',
  },
  invalid_type: {
    explain:
      'A value has the wrong JSON type: a text where a number is expected (`"200"` for `200`), a decimal where a whole number is expected, a single value where a list is expected, or `null`. For a flow given as a value (`validateFlow`), values JSON cannot hold (`NaN`, `Infinity`, functions, dates, class instances) are reported the same way.',
    fix: 'Write the value with the type the message names: no quotes around numbers and `true` or `false`, and `[ ]` around a list, even of one item.',
    example: '{ "settings": { "maxSteps": "200" } }',
  },
  invalid_value: {
    explain:
      'A value is not one of the choices its field accepts: a ring group `strategy` other than `"simultaneous"` or `"cascade"`, an unknown status in `skip`, or a member that is none of `{ "agent" }`, `{ "group" }` and `{ "number" }`. The message lists what is accepted.',
    fix: 'Use one of the values the message lists, spelt exactly as shown: values are case-sensitive.',
    example: '{ "id": "sales-ring", "kind": "ringGroup", "config": { "strategy": "parallel" } }',
  },
  out_of_range: {
    explain:
      'A number, text or list is outside its limits: a ring time under 5 seconds, more than 10 menu attempts, an empty `name`, a label over 200 characters, a time range of three times. The message gives the limit that was crossed.',
    fix: 'Bring the value within the limit the message gives. Each kind’s page in the [node reference](nodes/README.md) lists the limits of its fields.',
    example: '{ "id": "sales-ring", "kind": "ringGroup", "config": { "ringSeconds": 1 } }',
  },
  invalid_format: {
    explain:
      'A text does not have the expected shape, for the fields that have no more precise code: an extension (2 to 8 digits), a language tag (the flow’s `locale`, a text to speech’s `language`), and the `country` (two capital letters) and `region` of public holidays.',
    fix: 'Write the value in the shape the message describes: `"locale": "fr-FR"`, not `"French"`; `"extension": "101"`, not `"ext. 101"`; `"country": "FR"`, not `"France"`.',
    example: '{ "format": "ringflow.flow/v1", "locale": "French" }',
  },
  invalid_id: {
    explain:
      'An id breaks the id rule: a letter, then up to 63 letters, digits, `_` or `-`, so no spaces and no accents. The rule applies to every id (of the flow, nodes, edges, agents, groups, schedules, sounds, polls, questions and mailboxes) and to every field that refers to one, such as `entry`, an edge’s `source` or a member’s `agent`.',
    fix: 'Rename the id so that it starts with a letter and holds only letters, digits, `_` and `-` (`1st-flow` becomes `flow-1`), and update every reference to it. Ids are keys, not display text: the readable name goes in `name` or `label`.',
    example: '{ "format": "ringflow.flow/v1", "id": "1st-flow" }',
  },
  invalid_number: {
    explain:
      'A phone number is not in international E.164 form: `+`, the country code, then the number, 15 digits at most and nothing else. The lists that match callers (`settings.blocked`, `settings.vip` and a caller condition’s `numbers`) also accept a prefix ending in `*`, such as `+33899*`.',
    fix: 'Write the number with its country code, without the leading 0, spaces or dots: the French `06 44 44 44 44` is `+33644444444`.',
    example: '{ "id": "on-call", "kind": "forward", "config": { "number": "06 44 44 44 44" } }',
  },
  invalid_digit: {
    explain:
      'A keypad key is not one of `0` to `9`, `*` and `#`: a menu option key such as `"12"` (callers press a single key per choice), or `settings.recording.optOutDigit`.',
    fix: 'Use a single key. A menu offers 12 keys at most; for more choices, put a second menu behind one of the keys.',
    example:
      '{ "id": "main-menu", "kind": "menu", "config": { "options": { "12": { "label": "Direction" } } } }',
  },
  invalid_time: {
    explain:
      'A time in a schedule is not `HH:MM` on a 24-hour clock between `00:00` and `24:00`: `25:00`, `9:00` (the hour takes two digits) or `9h00`. `24:00` is accepted, to end a range at midnight.',
    fix: 'Write two-digit hours and minutes: `09:00`, `18:30`. A range that runs past midnight ends before it starts, such as `["22:00", "06:00"]`: no time goes beyond `24:00`.',
    example: '{ "weekly": { "sat": [["09:00", "25:00"]] } }',
  },
  invalid_date: {
    explain:
      'A date of a closure or of special hours is not a day that exists, such as `2026-02-30`, or is not written `YYYY-MM-DD` (`MM-DD` for a yearly closure’s `every`). Years from 1900 to 2199 are accepted.',
    fix: 'Check the day against a calendar and write it `2026-12-25` (a yearly closure: `"every": "12-25"`).',
    example: '{ "closures": [{ "name": "Jour impossible", "date": "2026-02-30" }] }',
  },
  invalid_sound_file: {
    explain:
      'A sound’s `file` is not a relative path to an audio file a PBX can play. The path is relative to the flow’s folder, with no leading `/` or `\\` and no `..` step, so that a flow never reaches files outside its folder; it ends in `.wav`, `.mp3`, `.ogg`, `.gsm`, `.ulaw`, `.alaw`, `.sln`, `.sln16` or `.g722`.',
    fix: 'Copy the audio into the flow’s folder (or a subfolder such as `sounds/`) and refer to it from there: `"file": "sounds/welcome.mp3"`. Convert other formats, such as `.m4a`, to one of those listed.',
    example: '{ "sounds": [{ "id": "soft-piano", "file": "../../etc/passwd.wav" }] }',
  },
  invalid_timezone: {
    explain:
      'The flow’s `timezone`, or a schedule’s, is not a time zone of the IANA database, so the local times of its schedules cannot be placed in time. UTC offsets such as `+01:00` are refused too.',
    fix: 'Use the IANA name of the place whose clock the schedules follow, such as `Europe/Paris` or `America/Montreal`. A place name rather than a fixed offset follows the changes to and from daylight-saving time.',
    example: '{ "timezone": "Europe/Pariss" }',
  },
  unknown_kind: {
    explain:
      'A node’s `kind` is none of the node kinds this version knows (the message lists them): a typo, a wrong case (`RingGroup`), or a kind from a newer ringflow. The node’s `config` is not checked.',
    fix: 'Correct the kind (see the [node reference](nodes/README.md)), or delete the node and its edges if it comes from a newer version.',
    example: '{ "id": "queue", "kind": "queue", "config": {} }',
  },

  duplicate_node_id: {
    explain:
      'Two nodes have the same id. Edges and `entry` name nodes by id, so they lead to the first of the two; the second is reported, and usually also as `unreachable_node`.',
    fix: 'Give the second node a new id, and update the edges meant to lead to it or leave from it.',
    example:
      '{\n  "nodes": [\n    { "id": "bye", "kind": "hangup" },\n    { "id": "bye", "kind": "hangup" }\n  ]\n}',
  },
  duplicate_edge_id: {
    explain:
      'Two edges have the same id. Edge ids name edges in the designer, in diffs and in issues, so each must be unique; the second edge is reported.',
    fix: 'Give one of the two edges an unused id, such as `e26`.',
    example:
      '{\n  "edges": [\n    { "id": "e1", "source": "welcome", "port": "next", "target": "vip-check" },\n    { "id": "e1", "source": "vip-check", "port": "match", "target": "vip-ring" }\n  ]\n}',
  },
  duplicate_id: {
    explain:
      'Two items of the same library have the same id: two agents, groups, schedules or sounds, or two questions of one poll. References name items by id, so they would be ambiguous; the second is reported. Items of different libraries may share an id: a group and a schedule can both be `sales`.',
    fix: 'Rename one of the two, with the references meant for it, or merge them if they are the same thing.',
    example:
      '{\n  "agents": [\n    { "id": "bob", "name": "Bob Durand", "extension": "102" },\n    { "id": "bob", "name": "Bob Martin", "extension": "104" }\n  ]\n}',
  },
  duplicate_extension: {
    explain:
      'Two agents or groups have the same `extension`. Agents and groups share one numbering plan, so a call to that extension could not know whom to ring.',
    fix: 'Give one of them another extension (2 to 8 digits).',
    example:
      '{\n  "agents": [\n    { "id": "alice", "name": "Alice Martin", "extension": "101" },\n    { "id": "carol", "name": "Carol Petit", "extension": "101" }\n  ]\n}',
  },
  unknown_entry: {
    explain:
      '`entry`, the node every call starts at, is not the id of a node, so no call could start. Until it is fixed, unreachable nodes are not looked for.',
    fix: 'Set `entry` to the id of the first node, usually the welcome announcement.',
    example:
      '{\n  "entry": "accueil",\n  "nodes": [{ "id": "welcome", "kind": "announcement", "config": { "sound": "welcome" } }]\n}',
  },
  edge_unknown_source: {
    explain:
      'An edge leaves from a node id that does not exist, usually left behind when a node was deleted or renamed. No call can follow it.',
    fix: 'Delete the edge, or set its `source` to the id of the node it should leave from.',
    example: '{ "edges": [{ "id": "e99", "source": "nowhere", "port": "next", "target": "bye" }] }',
  },
  edge_unknown_target: {
    explain:
      'An edge leads to a node id that does not exist, usually after a node was deleted or renamed. Node ids are not sound ids: in the example, `goodbye` is a sound and the node is `bye`.',
    fix: 'Set the edge’s `target` to the id of an existing node, or delete the edge.',
    example: '{ "edges": [{ "id": "e24", "source": "satisfaction", "port": "done", "target": "goodbye" }] }',
  },
  unknown_port: {
    explain:
      'An edge leaves from an output its source node does not have. The outputs depend on the kind and, for a menu, on the keys it offers: removing a key from a menu leaves that key’s edge on an unknown output. The edge is ignored, so the node it led to may also be reported as `unreachable_node`.',
    fix: 'Set `port` to one of the outputs the message lists, spelt exactly (`noAnswer`, not `noanswer`), or delete the edge.',
    example: '{ "edges": [{ "id": "e9", "source": "hours", "port": "holidays", "target": "closed" }] }',
  },
  duplicate_port_edge: {
    explain:
      'Two edges leave the same output of the same node, but a call follows one path. The first edge in the document is kept and each later one is reported.',
    fix: 'Delete one of the edges. To try several destinations in turn, chain them: wire the `noAnswer` output of the first ring group to the second.',
    example:
      '{\n  "edges": [\n    { "id": "e1", "source": "welcome", "port": "next", "target": "vip-check" },\n    { "id": "e99", "source": "welcome", "port": "next", "target": "hours" }\n  ]\n}',
  },
  unknown_agent: {
    explain:
      'A member `{ "agent": … }` of a ring group or an agent condition, or an entry of a group’s `members`, names an agent that is not in the flow’s `agents`.',
    fix: 'Add the agent to `agents` (with at least an `id` and a `name`), or correct the id.',
    example:
      '{\n  "agents": [{ "id": "alice", "name": "Alice Martin" }],\n  "nodes": [{ "id": "vip-ring", "kind": "ringGroup", "config": { "members": [{ "agent": "zoe" }] } }]\n}',
  },
  unknown_group: {
    explain:
      'A member `{ "group": … }` of a ring group or an agent condition names a group that is not in the flow’s `groups`.',
    fix: 'Add the group to `groups`, or correct the id.',
    example:
      '{\n  "groups": [{ "id": "support", "name": "Support", "members": ["carol"] }],\n  "nodes": [\n    { "id": "support-check", "kind": "agentCondition", "config": { "members": [{ "group": "helpdesk" }] } }\n  ]\n}',
  },
  unknown_schedule: {
    explain:
      'A business-hours node’s `schedule`, or an agent’s `planning`, names a schedule that is not in the flow’s `schedules`.',
    fix: 'Add the schedule to `schedules`, or correct the reference: it is the schedule’s `id`, not its `name`.',
    example:
      '{\n  "schedules": [{ "id": "office", "name": "Bureau" }],\n  "nodes": [{ "id": "hours", "kind": "businessHours", "config": { "schedule": "bureau" } }]\n}',
  },
  unknown_sound: {
    explain:
      'A sound id names no sound of the flow’s `sounds` library. Sound ids appear in node fields such as `sound`, `prompt`, `greeting` and `thanks`, in any `music`, and in `settings.recording.announcement`.',
    fix: 'Add the sound to `sounds`, correct the id, or give the sound in place: `"sound": { "tts": { "text": "Bonjour" } }`.',
    example:
      '{\n  "sounds": [{ "id": "welcome", "tts": { "text": "Bonjour et bienvenue." } }],\n  "nodes": [{ "id": "welcome", "kind": "announcement", "config": { "sound": "accueil" } }]\n}',
  },
  music_not_a_file: {
    explain:
      'A `music` field names a library sound that is a text to speech, not a file. Background music is mixed under a spoken text, so it must be a recording. Every field named `music` is checked: a sound’s background music and a ring group’s music.',
    fix: 'Point `music` to a sound that has a `file`. To say something, use an announcement instead.',
    example:
      '{\n  "sounds": [\n    { "id": "welcome", "tts": { "text": "Bonjour et bienvenue." }, "music": "goodbye" },\n    { "id": "goodbye", "tts": { "text": "Merci de votre appel, au revoir." } }\n  ]\n}',
  },
  sound_source_missing: {
    explain:
      'A sound has no source, or two. Every sound, in the library or given in place in a node, has exactly one of `tts` (a text to speak) and `file` (a recording).',
    fix: 'Give the sound either `"tts": { "text": "…" }` or `"file": "sounds/….mp3"`, not both. For music under a spoken text, use `tts` with `music`.',
    example: '{ "sounds": [{ "id": "goodbye" }] }',
  },
  music_without_tts: {
    explain:
      'A sound has both a `file` and `music`. Background music mixes only under a text to speech; a recording carries its own.',
    fix: 'Remove `music` from the file sound, or make the sound a text to speech (`tts`) with that music under it.',
    example: '{ "sounds": [{ "id": "soft-piano", "file": "sounds/soft-piano.mp3", "music": "soft-piano" }] }',
  },

  empty_ring_group: {
    explain:
      'A ring group has no members, so a call reaching it would ring nobody. A member group that has no agents is a different problem, the warning `empty_group`.',
    fix: 'Add at least one member: `{ "agent": "alice" }`, `{ "group": "sales" }` or `{ "number": "+33612345678" }`. If the step is no longer wanted, delete the node and wire the edge that led to it to the next step.',
    example: '{ "id": "support-ring", "kind": "ringGroup", "config": { "members": [] } }',
  },
  empty_group: {
    explain:
      'A group has no members, so a ring group or an agent condition that names it finds nobody in it. A warning, since a group may be emptied on purpose for a while.',
    fix: 'Add agent ids to its `members`, or delete the group and the members that name it.',
    example: '{ "groups": [{ "id": "night", "name": "Équipe de nuit", "members": [] }] }',
  },
  duplicate_member: {
    explain:
      'The same agent, group or number is listed twice in the `members` of one ring group or agent condition; it counts once. Only identical entries are found: an agent listed alone and also through a group is not reported.',
    fix: 'Delete the repeated entry. To ring someone again, use the ring group’s `repeat`.',
    example:
      '{\n  "id": "sales-ring",\n  "kind": "ringGroup",\n  "config": { "members": [{ "group": "sales" }, { "group": "sales" }] }\n}',
  },
  menu_no_options: {
    explain:
      'A menu offers no key: its `options` are empty or absent, so every key is wrong and every call ends on `invalid` or `timeout`.',
    fix: 'Add at least one option, such as `"1": { "label": "Ventes" }`, and wire its output. If the caller has nothing to choose, use an announcement instead.',
    example: '{ "id": "main-menu", "kind": "menu", "config": { "prompt": "menu-prompt", "options": {} } }',
  },
  menu_duplicate_digit: {
    explain:
      'A menu’s `options` lists the same key twice. Most JSON readers would silently keep the last option and drop the first; ringflow refuses the menu instead. Only a flow given as text can have this problem.',
    fix: 'Keep one option per key: move the other option to a free key and update the edge of its output.',
    example:
      '{\n  "id": "main-menu",\n  "kind": "menu",\n  "config": {\n    "options": { "2": { "label": "Encore" }, "1": { "label": "Ventes" }, "2": { "label": "Support" } }\n  }\n}',
  },
  poll_no_questions: {
    explain: 'A poll asks no question, so it records nothing.',
    fix: 'Add a question, such as `{ "id": "q1", "prompt": "poll-q1", "min": 1, "max": 5 }`, or delete the poll.',
    example: '{ "id": "satisfaction", "kind": "poll", "config": { "id": "satisfaction", "questions": [] } }',
  },
  poll_invalid_range: {
    explain:
      'A poll question’s `min` is greater than its `max`, so no key could be a valid answer. Both are keys from 0 to 9, and default to 1 and 5: a question with only `"max": 0` has this problem too.',
    fix: 'Swap the two values, or set them so that `min` is at most `max`: `"min": 1, "max": 5` for a score from 1 to 5.',
    example: '{ "questions": [{ "id": "q1", "prompt": "poll-q1", "min": 5, "max": 1 }] }',
  },
  caller_match_empty: {
    explain:
      'A caller condition has no `numbers`, and both `vip` and `anonymous` are false: it matches no caller, so every call takes `noMatch` and `match` is never used.',
    fix: 'Give it something to match: numbers or prefixes in `numbers` (`"+3361*"`), `"vip": true` for the flow’s VIP list, or `"anonymous": true` for hidden numbers. If it is no longer needed, delete it and wire the edge that led to it to what followed `noMatch`.',
    example: '{ "id": "vip-check", "kind": "callerMatch", "config": { "vip": false } }',
  },

  unreachable_node: {
    explain:
      'No chain of edges leads from `entry` to the node, so no call can enter it; often the edge that led to it was deleted or moved.',
    fix: 'Wire an output of an earlier node to it, or delete it if it is no longer used.',
    example: '{ "nodes": [{ "id": "old-message", "kind": "hangup", "config": { "sound": "goodbye" } }] }',
  },
  unwired_port: {
    explain:
      'An output has no edge, so a call that takes it hangs up there, without a word. Outputs where hanging up is the normal end (after a call, after a voicemail, at the end of a poll) are not reported, nor a business-hours `holiday` output, which follows `closed` when unwired.',
    fix: 'Wire the output to a next step: a ring group, a voicemail, or a hangup node with a closing message, which also shows that ending the call there is intended.',
    example:
      '{\n  "edges": [\n    { "id": "e10", "source": "main-menu", "port": "1", "target": "sales-ring" },\n    { "id": "e13", "source": "main-menu", "port": "invalid", "target": "messages" }\n  ]\n}',
  },
  endless_loop: {
    explain:
      'Edges form a loop through nodes that wait neither for the caller nor for a ring (announcements, business hours, caller and agent conditions), so a call would go round without end. Each node of the loop is reported. A loop through a menu, a poll, a voicemail, a ring group or a forward is fine.',
    fix: 'Break the loop, or put a node that waits in it: to keep a caller waiting for a team, ring the team on each turn rather than only checking its status, or ask with a menu whether to keep waiting.',
    example:
      '{\n  "edges": [\n    { "id": "e90", "source": "check-again", "port": "true", "target": "hold" },\n    { "id": "e92", "source": "hold", "port": "next", "target": "check-again" }\n  ]\n}',
  },

  empty_time_range: {
    explain:
      'A range of a schedule starts and ends at the same time, such as `["10:00", "10:00"]`, so it would be open for no time at all.',
    fix: 'Correct the end time, or delete the range: a day with no range is closed (`"sat": []`). Open around the clock is `["00:00", "24:00"]`.',
    example: '{ "weekly": { "sat": [["10:00", "10:00"]] } }',
  },
  overlapping_time_ranges: {
    explain:
      'Two ranges of a schedule overlap: two ranges of the week, where a range that runs past midnight reaches into the next day (and Sunday night into Monday), or two ranges of one special date. The end of a range is not part of it, so ranges that only touch, such as `["09:00", "12:00"]` and `["12:00", "18:00"]`, do not overlap.',
    fix: 'Correct the times so that each range ends before, or when, the next one starts, or merge the two into one range.',
    example:
      '{\n  "weekly": {\n    "mon": [\n      ["09:00", "12:30"],\n      ["12:00", "18:00"]\n    ]\n  }\n}',
  },
  invalid_date_range: {
    explain: 'A closure’s `to` date comes before its `from` date, so it would close nothing.',
    fix: 'Swap the two dates. For a single day, use `date` instead of `from` and `to`.',
    example: '{ "closures": [{ "name": "Congés d’été", "from": "2026-08-16", "to": "2026-08-03" }] }',
  },
  duplicate_special_date: {
    explain: 'Two `specialHours` entries of one schedule have the same date; only the first would count.',
    fix: 'Merge them into one entry that lists all the ranges of that day in `hours`.',
    example:
      '{\n  "specialHours": [\n    { "date": "2026-12-24", "hours": [["09:00", "12:00"]] },\n    { "date": "2026-12-24", "hours": [] }\n  ]\n}',
  },
  unknown_holiday_country: {
    explain:
      'No public holidays are known for `publicHolidays.country`. Holidays are computed from a calendar of each country, not typed in, so only the countries of that calendar can be named.',
    fix: 'Use the country’s two-letter ISO 3166 code in capitals: `FR`, `BE`, `CH`, `CA`. For a country that is not known, remove `publicHolidays` and list its holidays as `closures` (a fixed-date holiday: `"every": "05-01"`).',
    example: '{ "publicHolidays": { "country": "XX" } }',
  },
  unknown_holiday_region: {
    explain:
      '`publicHolidays.region` is not a region of that country with public holidays of its own. Regions are for places with local holidays, such as Moselle in France (`"country": "FR", "region": "57"`) or Bavaria in Germany (`"country": "DE", "region": "BY"`).',
    fix: 'Use the region’s code, usually the end of its ISO 3166-2 code (`57` for `FR-57`, `QC` for `CA-QC`), or remove `region` to keep the national holidays only.',
    example: '{ "publicHolidays": { "country": "FR", "region": "ZZZ" } }',
  },
};

/** The table of contents groups codes as flow-core's code table does: each group starts at its first code. */
const GROUPS: readonly { readonly title: string; readonly first: IssueCode }[] = [
  { title: 'Document text and shape', first: 'invalid_json' },
  { title: 'Identity and references', first: 'duplicate_node_id' },
  { title: 'Node rules', first: 'empty_ring_group' },
  { title: 'Graph', first: 'unreachable_node' },
  { title: 'Schedules', first: 'empty_time_range' },
];

const FIXTURES = join(import.meta.dirname, '..', 'packages', 'flow-core', 'test', 'fixtures');

/** The text of the document that raises `code`: its fixture, or one built as the fixture test builds it. */
function fixtureText(code: IssueCode): string {
  if (code === 'document_too_large') {
    const full = readFileSync(join(FIXTURES, 'valid', 'full.json'), 'utf8');
    return full.replace('"description": "', `"description": "${'x'.repeat(11 * MIB)}`);
  }
  return readFileSync(join(FIXTURES, 'invalid', `${code}.json`), 'utf8');
}

/** An issue on one line: `error unknown_agent at nodes[2].config.members[2].agent (node vip-ring): …`. */
function issueLine(issue: FlowIssue): string {
  const path = issue.path === undefined ? '' : formatJsonPath(issue.path);
  const owners = [
    ...(issue.edgeId === undefined ? [] : [`edge ${issue.edgeId}`]),
    ...(issue.nodeId === undefined ? [] : [`node ${issue.nodeId}`]),
  ];
  const where = `${path === '' ? '' : ` at ${path}`}${owners.length === 0 ? '' : ` (${owners.join(', ')})`}`;
  return `${issue.severity} ${issue.code}${where}: ${issue.message}`;
}

/** The issues of `code` that validating its fixture reports, in English and in French. */
function issuesOf(code: IssueCode): { en: FlowIssue[]; fr: FlowIssue[] } {
  const text = fixtureText(code);
  const pick = (locale: 'en' | 'fr') => {
    const report = validateFlowText(text, { locale });
    return [...report.errors, ...report.warnings].filter((issue) => issue.code === code);
  };
  const en = pick('en');
  const fr = pick('fr');
  // A fixture that no longer raises its code would leave its section without real output.
  if (en.length === 0 || fr.length !== en.length) {
    throw new Error(
      `the fixture of ${code} does not report ${code} (check packages/flow-core/test/fixtures/invalid/${code}.json)`,
    );
  }
  return { en, fr };
}

/** A JSON value written as prettier writes it in Markdown: objects expanded, short lists of scalars on one line. */
function jsonBlock(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object'))
      return JSON.stringify(value).replaceAll(',', ', ');
    return `[\n${value.map((item) => `${indent}  ${jsonBlock(item, `${indent}  `)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${indent}  ${JSON.stringify(key)}: ${jsonBlock(item, `${indent}  `)}`,
    );
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function section(code: IssueCode): string[] {
  const doc = ERROR_DOCS[code];
  const { en, fr } = issuesOf(code);
  return [
    `## \`${code}\``,
    '',
    `Severity: **${ISSUE_CODES[code].severity}**`,
    '',
    doc.explain,
    '',
    'Example:',
    '',
    '```json',
    doc.example,
    '```',
    '',
    'What ringflow says:',
    '',
    '```text',
    ...en.map(issueLine),
    '```',
    '',
    'In French:',
    '',
    '```text',
    ...fr.map((issue) => issue.message),
    '```',
    '',
    `How to fix it: ${doc.fix}`,
    '',
  ];
}

function tableOfContents(): string[] {
  const starts = GROUPS.map((group) => ALL_ISSUE_CODES.indexOf(group.first));
  if (starts[0] !== 0 || starts.some((start, i) => i > 0 && start <= starts[i - 1]!)) {
    throw new Error('GROUPS must start at the first code and follow the order of ISSUE_CODES');
  }
  return GROUPS.flatMap((group, i) => [
    `### ${group.title}`,
    '',
    ...ALL_ISSUE_CODES.slice(starts[i], starts[i + 1]).map(
      (code) => `- [\`${code}\`](#${code}) (${ISSUE_CODES[code].severity})`,
    ),
    '',
  ]);
}

/** The whole of docs/errors.md, in Markdown. Deterministic: the same code and fixtures give the same page. */
export function renderErrorsDoc(): string {
  const sample = issuesOf('unknown_agent').en[0]!;
  return [
    '<!-- Generated by `npm run docs:errors` from scripts/error-docs.ts and flow-core’s issue code table. Do not edit by hand. -->',
    '',
    '# Errors and warnings',
    '',
    'ringflow never throws on a bad flow document. `validateFlow` and `validateFlowText` return `{ ok, errors, warnings }`, and `ringflow validate` prints the same report (see [the CLI](cli.md)). Each problem is an issue of this shape:',
    '',
    '```ts',
    '{ code, severity, message, nodeId?, edgeId?, path?, params? }',
    '```',
    '',
    '- `code`: what is wrong, as a stable snake_case code: one section of this page per code.',
    '- `severity`: `error` or `warning`, fixed for each code.',
    "- `message`: one sentence for people, in English or in French (`validateFlowText(text, { locale: 'fr' })`, `ringflow validate --lang fr`).",
    '- `nodeId`, `edgeId`: the node or the edge concerned, when there is one.',
    '- `path`: where the problem is, as keys and list indexes from the root of the document; the CLI writes it `nodes[2].config.members[2].agent`.',
    '- `params`: the values the message is built from, for tools that word their own messages.',
    '',
    'For example, a ring group that names an agent missing from the flow’s `agents` gives:',
    '',
    '```json',
    jsonBlock(sample),
    '```',
    '',
    'An **error** makes the flow unusable: `ok` is false and `ringflow validate` exits with a non-zero status. A **warning** leaves the flow usable but points at something that is probably not meant, such as an output that hangs up without a word.',
    '',
    'Codes are stable: a code is never renamed or given another meaning, so tools can match on it. New codes may be added. Messages are for people and their wording may improve; match on `code` and `params`, never on `message`.',
    '',
    'Validation goes in three stages, and each stops the next: problems in the text itself (syntax, size, nesting, forbidden or repeated keys), then the shape of every field, then the rules that look at the document as a whole (time zone, ids, references, edges, node rules, graph and schedules). Fixing the problems of one stage can therefore reveal those of the next. The format itself is described in [the flow format](flow-format.md).',
    '',
    'Each section below shows a short excerpt that raises the code, then what ringflow says about it. That output is not typed by hand: it is produced when this page is generated, by validating the test fixture `packages/flow-core/test/fixtures/invalid/<code>.json`: the complete flow of `test/fixtures/valid/full.json` with that one mistake (for `document_too_large`, that flow with an 11 MiB `description`, built when the page is generated).',
    '',
    '## Contents',
    '',
    ...tableOfContents(),
    ...ALL_ISSUE_CODES.flatMap(section),
  ].join('\n');
}
