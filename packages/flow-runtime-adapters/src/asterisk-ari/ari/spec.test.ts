import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restApiDir } from '../testing/lab.js';
import { ARI_EVENT_BASE_FIELDS, ARI_EVENT_FIELDS } from './events.js';
import { ARI_MODEL_FIELDS } from './models.js';
import { ARI_EVENTS_ROUTE, ARI_ROUTES, type AriRoute } from './routes.js';

/*
 * The client against the ARI spec of the Asterisk ringflow is tested with (rest-api/*.json, the
 * Swagger 1.1 files Asterisk ships): every route it calls exists with that method and declares the
 * parameters it sends; every event and model field it reads exists, required exactly where the
 * types say so.
 */

interface SpecParameter {
  readonly name: string;
  readonly paramType: 'path' | 'query' | 'body';
}
interface SpecOperation {
  readonly httpMethod: string;
  readonly nickname: string;
  readonly parameters?: readonly SpecParameter[];
}
interface SpecProperty {
  readonly type: string;
  readonly required?: boolean;
}
interface SpecModel {
  readonly id: string;
  readonly properties?: Readonly<Record<string, SpecProperty>>;
  readonly subTypes?: readonly string[];
}
interface SpecFile {
  readonly apis: readonly { readonly path: string; readonly operations: readonly SpecOperation[] }[];
  readonly models?: Readonly<Record<string, SpecModel>>;
}

const dir = restApiDir();

function loadSpec(): Map<string, SpecFile> {
  if (!existsSync(dir)) {
    throw new Error(`no ARI spec in ${dir}: install the lab Asterisk first (npm run asterisk:install)`);
  }
  const files = new Map<string, SpecFile>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    files.set(file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as SpecFile);
  }
  return files;
}

const spec = loadSpec();
const models = new Map<string, SpecModel>();
for (const file of spec.values())
  for (const [id, model] of Object.entries(file.models ?? {})) models.set(id, model);

function operationOf(route: Pick<AriRoute, 'method' | 'path'>): SpecOperation | undefined {
  for (const file of spec.values()) {
    for (const api of file.apis) {
      if (api.path !== route.path) continue;
      const operation = api.operations.find((op) => op.httpMethod === route.method);
      if (operation !== undefined) return operation;
    }
  }
  return undefined;
}

function checkRoute(name: string, route: AriRoute) {
  const operation = operationOf(route);
  expect(operation, `${name}: ${route.method} ${route.path} is not in the spec`).toBeDefined();
  const params = operation!.parameters ?? [];
  const declared = (type: SpecParameter['paramType']) =>
    params.filter((p) => p.paramType === type).map((p) => p.name);
  for (const query of route.query) {
    expect(declared('query'), `${name}: query parameter "${query}"`).toContain(query);
  }
  const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  expect(declared('path').sort(), `${name}: path parameters`).toEqual(placeholders.sort());
  if (route.body) expect(declared('body').length, `${name}: takes a body`).toBeGreaterThan(0);
}

/** A model's own and inherited properties (a parent lists its children in `subTypes`). */
function propertiesOf(model: SpecModel): Record<string, SpecProperty> {
  const parent = [...models.values()].find((candidate) => candidate.subTypes?.includes(model.id));
  return { ...(parent ? propertiesOf(parent) : {}), ...(model.properties ?? {}) };
}

function checkFields(modelId: string, fields: readonly string[]) {
  const model = models.get(modelId);
  expect(model, `model ${modelId} is not in the spec`).toBeDefined();
  const properties = propertiesOf(model!);
  for (const field of fields) {
    const optional = field.endsWith('?');
    const key = optional ? field.slice(0, -1) : field;
    expect(properties[key], `${modelId}.${key} is not in the spec`).toBeDefined();
    expect(
      properties[key]!.required === true,
      `${modelId}.${key} is ${optional ? '' : 'not '}required in the spec`,
    ).toBe(!optional);
  }
}

describe('the ARI client against the spec of the lab Asterisk', () => {
  it('reads the spec files Asterisk ships', () => {
    expect([...spec.keys()]).toEqual(
      expect.arrayContaining(['channels.json', 'bridges.json', 'events.json']),
    );
  });

  it.each(Object.entries(ARI_ROUTES))('route %s exists with its method and parameters', (name, route) => {
    checkRoute(name, route);
  });

  it('the event WebSocket route exists with its parameters', () => {
    checkRoute('events', ARI_EVENTS_ROUTE);
  });

  it.each(Object.entries(ARI_EVENT_FIELDS))(
    'event %s exists with the fields ringflow reads',
    (type, fields) => {
      expect(models.get('Event')?.subTypes, `${type} is not a subtype of Event`).toContain(type);
      checkFields(type, [...ARI_EVENT_BASE_FIELDS, ...fields]);
    },
  );

  it.each(Object.entries(ARI_MODEL_FIELDS))('model %s has the fields ringflow reads', (model, fields) => {
    checkFields(model, fields);
  });

  it('would catch a route, a parameter or a field Asterisk does not have', () => {
    expect(() =>
      checkRoute('bogus', { method: 'POST', path: '/channels/{channelId}/teleport', query: [] }),
    ).toThrow();
    expect(() =>
      checkRoute('bogus', { method: 'POST', path: '/channels/{channelId}/answer', query: ['loudly'] }),
    ).toThrow();
    expect(() =>
      checkRoute('bogus', { method: 'GET', path: '/channels/{channelId}/answer', query: [] }),
    ).toThrow();
    expect(() => checkFields('Channel', ['nickname'])).toThrow();
    // Optional in the spec, required in our types: the types would lie.
    expect(() => checkFields('Channel', ['channelvars'])).toThrow();
  });
});
