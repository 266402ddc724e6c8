import { parseFlow, parseScenario, serializeFlow, simulateCall, validateFlowText } from '@ringflow/flow-core';
import type { FlowDocument } from '@ringflow/flow-core';
import type { ServerClient, ServerProblem, ServerProblemKind, ServerResult } from './api-client.js';
import type {
  CallRecord,
  DiffSide,
  DraftInfo,
  FlowSummary,
  IdChanges,
  RoutingTable,
  VersionInfo,
} from './api-types.js';
import type { ServerCredentials } from './connection.js';

/*
 * An in-memory ringflow server for the server area's stories and component tests: the same client
 * interface, with the API's semantics kept to what the designer relies on (drafts with a sha256
 * that changes with them, immutable versions, 409 on a stale draft, 422 on a flow with errors,
 * routes, records, test calls played by flow-core's simulator). The real server is exercised by
 * the end-to-end test (e2e/server.e2e.test.ts).
 */

/** A flow of the fake server at start: its draft and its published versions (oldest first). */
export interface FakeFlow {
  readonly draft?: FlowDocument;
  readonly versions?: readonly FlowDocument[];
}

/** Options of {@link createFakeServer}. */
export interface FakeServerOptions {
  /** The only token accepted; any when absent. */
  readonly token?: string;
  readonly flows?: readonly FakeFlow[];
  readonly routes?: Readonly<Record<string, string>>;
  /** Answer every request with this problem (an unreachable server, say). */
  readonly down?: ServerProblemKind;
}

/** The fake server, with what a story or a test does behind the designer's back. */
export interface FakeServer {
  /** Makes the client of a connection, as `createServerClient` does. */
  clientFor(credentials: ServerCredentials): ServerClient;
  /** Saves a draft as another admin would: the designer's next save meets a conflict. */
  saveDraftElsewhere(flow: FlowDocument): void;
  /** Requests received, as `METHOD path` (the token is never part of them). */
  readonly requests: readonly string[];
}

const at = (n: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, n)).toISOString();

function fail(
  kind: ServerProblemKind,
  status: number,
  code: string,
  message: string,
  extra: Partial<ServerProblem> = {},
) {
  return {
    ok: false as const,
    problem: {
      kind,
      status,
      code,
      message,
      errors: [],
      warnings: [],
      details: undefined,
      requestId: 'fake',
      ...extra,
    },
  };
}

function changesOf(before: readonly { id: string }[], after: readonly { id: string }[]): IdChanges {
  const a = new Map(before.map((item) => [item.id, JSON.stringify(item)]));
  const b = new Map(after.map((item) => [item.id, JSON.stringify(item)]));
  return {
    added: [...b.keys()].filter((id) => !a.has(id)).sort(),
    removed: [...a.keys()].filter((id) => !b.has(id)).sort(),
    changed: [...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id)).sort(),
  };
}

/** Creates an in-memory server; see the file's comment for what it does and does not do. */
export function createFakeServer(options: FakeServerOptions = {}): FakeServer {
  let clock = 0;
  let shas = 0;
  const nextSha = () => (++shas).toString(16).padStart(64, '0');
  const flows = new Map<
    string,
    { draft?: { info: DraftInfo; text: string }; versions: { info: VersionInfo; flow: FlowDocument }[] }
  >();
  const records: CallRecord[] = [];
  const routes: RoutingTable = { routes: { ...(options.routes ?? {}) }, updatedAt: null };
  const requests: string[] = [];

  const entry = (id: string) => {
    let found = flows.get(id);
    if (found === undefined) {
      found = { versions: [] };
      flows.set(id, found);
    }
    return found;
  };
  const storeDraft = (id: string, text: string): DraftInfo => {
    const parsed = (() => {
      try {
        return parseFlow(JSON.parse(text));
      } catch {
        return undefined;
      }
    })();
    const stored = parsed?.ok === true ? serializeFlow(parsed.flow) : text;
    const info: DraftInfo = {
      flowId: id,
      name: parsed?.ok === true ? parsed.flow.name : null,
      savedAt: at(++clock),
      sha256: nextSha(),
    };
    entry(id).draft = { info, text: stored };
    return info;
  };
  const addVersion = (
    id: string,
    flow: FlowDocument,
    metadata: { author?: string; comment?: string; rollbackOf?: number },
  ) => {
    const list = entry(id).versions;
    const info: VersionInfo = {
      flowId: id,
      version: list.length + 1,
      name: flow.name,
      publishedAt: at(++clock),
      author: metadata.author ?? null,
      comment: metadata.comment ?? null,
      rollbackOf: metadata.rollbackOf ?? null,
      sha256: nextSha(),
    };
    list.push({ info, flow });
    return info;
  };
  const summary = (id: string): FlowSummary => {
    const found = entry(id);
    const latest = found.versions.at(-1)?.info ?? null;
    return {
      id,
      name: found.draft?.info.name ?? latest?.name ?? null,
      draft: found.draft?.info ?? null,
      latest,
    };
  };
  const sideOf = (id: string, side: DiffSide): FlowDocument | undefined => {
    const found = flows.get(id);
    if (side === 'draft') {
      const parsed = found?.draft === undefined ? undefined : parseFlow(JSON.parse(found.draft.text));
      return parsed?.ok === true ? parsed.flow : undefined;
    }
    return found?.versions[side - 1]?.flow;
  };
  const notFound = (id: string) => fail('notFound', 404, 'flow_not_found', `There is no flow "${id}".`);

  for (const flow of options.flows ?? []) {
    const id = flow.draft?.id ?? flow.versions?.[0]?.id;
    if (id === undefined) continue;
    for (const version of flow.versions ?? [])
      addVersion(id, version, { author: 'Camille', comment: `Version ${entry(id).versions.length + 1}` });
    if (flow.draft !== undefined) storeDraft(id, serializeFlow(flow.draft));
  }

  function clientFor(credentials: ServerCredentials): ServerClient {
    const answer = async <T>(request: string, work: () => ServerResult<T>): Promise<ServerResult<T>> => {
      requests.push(request);
      // Answers come later, as over a network.
      await Promise.resolve();
      if (options.down !== undefined) return fail(options.down, 0, '', 'The fake server is down.');
      if (options.token !== undefined && credentials.token !== options.token) {
        return fail('unauthorized', 401, 'unauthorized', 'The bearer token is not valid.');
      }
      return work();
    };
    const ok = <T>(value: T): ServerResult<T> => ({ ok: true, value });
    return {
      url: credentials.url,
      listFlows: () => answer('GET /v1/flows', () => ok([...flows.keys()].sort().map(summary))),
      getFlow: (id) => answer(`GET /v1/flows/${id}`, () => (flows.has(id) ? ok(summary(id)) : notFound(id))),
      getDraft: (id) =>
        answer(`GET /v1/flows/${id}/draft`, () => {
          const draft = flows.get(id)?.draft;
          if (draft === undefined)
            return fail('notFound', 404, 'draft_not_found', `Flow "${id}" has no draft.`);
          const { ok: valid, errors, warnings } = validateFlowText(draft.text);
          return ok({
            draft: draft.info,
            flow: JSON.parse(draft.text) as unknown,
            validation: { ok: valid, errors, warnings },
          });
        }),
      saveDraft: (id, text) =>
        answer(`PUT /v1/flows/${id}/draft`, () => {
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch {
            return fail('badRequest', 400, 'invalid_json', 'The request body is not valid JSON.');
          }
          if ((value as { id?: unknown }).id !== id) {
            return fail('badRequest', 400, 'flow_id_mismatch', `The document's "id" must be "${id}".`);
          }
          const draft = storeDraft(id, text);
          const { ok: valid, errors, warnings } = validateFlowText(text);
          return ok({ draft, validation: { ok: valid, errors, warnings } });
        }),
      validate: (text) =>
        answer('POST /v1/validate', () => {
          const { ok: valid, errors, warnings } = validateFlowText(text);
          return ok({ ok: valid, errors, warnings });
        }),
      publish: (id, request) =>
        answer(`POST /v1/flows/${id}/publish`, () => {
          const draft = flows.get(id)?.draft;
          if (draft === undefined)
            return fail('notFound', 404, 'draft_not_found', `Flow "${id}" has no draft.`);
          if (request.draftSha256 !== undefined && request.draftSha256 !== draft.info.sha256) {
            return fail('conflict', 409, 'draft_changed', 'The draft has changed.');
          }
          const report = validateFlowText(draft.text);
          const parsed = parseFlow(JSON.parse(draft.text));
          if (!report.ok || !parsed.ok) {
            return fail(
              'invalid',
              422,
              'flow_invalid',
              `The flow has ${report.errors.length} validation error(s).`,
              {
                errors: report.errors,
                warnings: report.warnings,
              },
            );
          }
          return ok({ version: addVersion(id, parsed.flow, request), warnings: report.warnings });
        }),
      listVersions: (id) =>
        answer(`GET /v1/flows/${id}/versions`, () =>
          ok([...entry(id).versions].reverse().map((v) => v.info)),
        ),
      getVersion: (id, version) =>
        answer(`GET /v1/flows/${id}/versions/${version}`, () => {
          const found = flows.get(id)?.versions[version - 1];
          return found === undefined
            ? fail('notFound', 404, 'version_not_found', `Flow "${id}" has no version ${version}.`)
            : ok({ version: found.info, flow: found.flow as unknown });
        }),
      diff: (id, from, to) =>
        answer(`GET /v1/flows/${id}/diff?from=${from}&to=${to}`, () => {
          const a = sideOf(id, from);
          const b = sideOf(id, to);
          if (a === undefined || b === undefined)
            return fail('notFound', 404, 'version_not_found', 'No such side.');
          const library = {
            agents: changesOf(a.agents, b.agents),
            groups: changesOf(a.groups, b.groups),
            schedules: changesOf(a.schedules, b.schedules),
            sounds: changesOf(a.sounds, b.sounds),
          };
          const nodes = changesOf(a.nodes, b.nodes);
          const edges = changesOf(a.edges, b.edges);
          const fields = (['name', 'entry', 'timezone', 'locale', 'settings'] as const).filter(
            (field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]),
          );
          const all = [nodes, edges, ...Object.values(library)];
          const identical =
            fields.length === 0 &&
            all.every((c) => c.added.length + c.removed.length + c.changed.length === 0);
          return ok({ flowId: id, from, to, diff: { identical, nodes, edges, library, fields } });
        }),
      rollback: (id, request) =>
        answer(`POST /v1/flows/${id}/rollback`, () => {
          const found = flows.get(id)?.versions[request.version - 1];
          if (found === undefined)
            return fail('notFound', 404, 'version_not_found', `No version ${request.version}.`);
          return ok({
            version: addVersion(id, found.flow, { ...request, rollbackOf: request.version }),
            warnings: [],
          });
        }),
      records: (id, limit) =>
        answer(`GET /v1/flows/${id}/records?limit=${limit}`, () =>
          ok({
            flowId: id,
            records: records.filter((r) => r.flowId === id).slice(0, limit),
            damagedLines: 0,
          }),
        ),
      routes: () => answer('GET /v1/routes', () => ok(routes)),
      testCall: (scenario) =>
        answer('POST /v1/test-calls', () => {
          const parsed = parseScenario(scenario);
          if (!parsed.ok)
            return fail('invalid', 422, 'scenario_invalid', 'The scenario is refused.', {
              errors: parsed.issues,
            });
          const flowId = routes.routes[parsed.scenario.call.to];
          const version = flowId === undefined ? undefined : flows.get(flowId)?.versions.at(-1);
          if (flowId === undefined || version === undefined) {
            return fail('invalid', 422, 'scenario_invalid', 'No published flow answers this number.');
          }
          const result = simulateCall(version.flow, parsed.scenario);
          const record: CallRecord = {
            ...result,
            format: 'ringflow.call-record/v1',
            callId: `mem-${records.length + 1}`,
            from: parsed.scenario.call.from,
            to: parsed.scenario.call.to,
            flowId,
            flowVersion: version.info.version,
          };
          records.unshift(record);
          return ok(record);
        }),
    };
  }

  return {
    clientFor,
    saveDraftElsewhere: (flow) => {
      storeDraft(flow.id, serializeFlow(flow));
    },
    get requests() {
      return requests;
    },
  };
}
