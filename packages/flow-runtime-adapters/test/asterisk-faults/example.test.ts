import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateFlowText } from '@ringflow/flow-core';
import { describe, expect, it } from 'vitest';
import { serverConfigOf } from '../../src/cli/commands/serve.js';
import { parseCommandArgs } from '../../src/cli/args.js';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { REPO_ROOT } from '../../src/asterisk-ari/testing/lab.js';

/*
 * examples/asterisk-ari and docs/adapters/asterisk-ari.md stay true: the config snippets say what the
 * lab's generated configuration (scripts/asterisk/config.ts, which every Asterisk test runs on)
 * says, the documented `ringflow serve` lines parse, and the flow is valid. The example itself runs
 * in test/serve-asterisk.e2e.test.ts.
 */

const example = join(REPO_ROOT, 'examples/asterisk-ari');
const read = (path: string) => readFileSync(join(example, path), 'utf8');

/** `key = value` lines of an INI section (the first section of that name). */
function section(text: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/;.*$/, '').trim();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      if (inside) break;
      inside = header[1] === name;
      continue;
    }
    const pair = /^([A-Za-z_]+)\s*=>?\s*(.*)$/.exec(line);
    if (inside && pair) out[pair[1]!] = pair[2]!;
  }
  return out;
}

interface ConfigModule {
  renderAsteriskConfig(input: Record<string, unknown>): Record<string, string>;
  LAB_MODULES: readonly string[];
  DEFAULT_STASIS_APP: string;
}

const lab = async () => {
  const module = (await import(
    pathToFileURL(join(REPO_ROOT, 'scripts/asterisk/config.ts')).href
  )) as ConfigModule;
  const files = module.renderAsteriskConfig({
    chrootDir: '/ringflow/x',
    httpPort: 8088,
    sipPort: 5060,
    ariUser: 'ringflow',
    ariPassword: 'secret',
    sipAgents: [{ id: 'alice', port: 5070 }],
    rtpPorts: [20000, 20100],
    verbose: 0,
  });
  return { ...module, files };
};

/** The `ringflow serve` command lines of a Markdown file (continued lines joined). */
function serveLines(markdown: string): string[][] {
  const joined = markdown.replace(/\\\n\s*/g, '');
  return [...joined.matchAll(/(?:npx )?ringflow serve ([^\n`]+)/g)].map((match) =>
    [...match[1]!.matchAll(/'([^']*)'|(\S+)/g)].map((part) => part[1] ?? part[2]!),
  );
}

describe('examples/asterisk-ari', () => {
  it('configures ARI and HTTP as the lab does', async () => {
    const { files } = await lab();
    const http = section(read('asterisk/http.conf'), 'general');
    expect(http).toMatchObject({ enabled: 'yes', bindaddr: '127.0.0.1' });
    expect(section(files['http.conf']!, 'general')).toMatchObject({
      enabled: 'yes',
      bindaddr: http.bindaddr,
    });
    const user = section(read('asterisk/ari.conf'), 'ringflow');
    expect(user).toMatchObject({ type: 'user', read_only: 'no' });
    expect(section(files['ari.conf']!, 'ringflow')).toMatchObject({
      type: 'user',
      read_only: user.read_only,
    });
    expect(section(read('asterisk/ari.conf'), 'general')).toMatchObject({ enabled: 'yes' });
  });

  it('sends calls to the Stasis application ringflow serves by default', async () => {
    const { DEFAULT_STASIS_APP, files } = await lab();
    const dialplan = read('asterisk/extensions.conf');
    expect(DEFAULT_STASIS_APP).toBe('ringflow');
    expect(dialplan).toContain(`Stasis(${DEFAULT_STASIS_APP})`);
    expect(files['extensions.conf']).toContain('Stasis(${RINGFLOW_APP})');
    expect(
      serverConfigOf(
        parseCommandArgs(
          [
            '--store',
            's',
            '--adapter',
            'asterisk-ari',
            '--ari-url',
            'http://127.0.0.1:8088',
            '--ari-user',
            'ringflow',
            '--ari-password-file',
            'p',
          ],
          serveCommand.options,
          'serve',
        ),
        '/',
      ).asterisk?.app,
    ).toBe(DEFAULT_STASIS_APP);
  });

  it('loads every ARI and Stasis module the lab runs on, and none it does not', async () => {
    const { LAB_MODULES } = await lab();
    const listed = [...read('asterisk/modules.conf').matchAll(/^load = (\S+)/gm)].map((match) => match[1]!);
    for (const module of listed) expect(LAB_MODULES).toContain(module);
    for (const module of LAB_MODULES.filter((name) => /^res_(ari|stasis)/.test(name))) {
      expect(listed).toContain(module);
    }
    expect(listed).toEqual(expect.arrayContaining(['res_http_media_cache.so', 'res_curl.so']));
  });

  it('has PJSIP endpoints as the default endpoint templates dial them', async () => {
    const { files } = await lab();
    const pjsip = read('asterisk/pjsip.conf');
    // --agent-endpoint 'PJSIP/{agent}': an endpoint and an AOR named after the agent id.
    expect(section(pjsip, 'alice')).toMatchObject({ type: 'endpoint', aors: 'alice', dtmf_mode: 'rfc4733' });
    expect(section(files['pjsip.conf']!, 'alice')).toMatchObject({
      type: 'endpoint',
      aors: 'alice',
      dtmf_mode: 'rfc4733',
    });
    // --external-endpoint 'PJSIP/{number}@trunk'.
    expect(section(pjsip, 'trunk')).toMatchObject({ type: 'endpoint' });
  });

  it('documents `ringflow serve` lines that parse, with the flags `npm run asterisk:up` prints', () => {
    const printed = readFileSync(join(REPO_ROOT, 'scripts/asterisk/cli.ts'), 'utf8');
    const docs = [
      read('README.md'),
      readFileSync(join(REPO_ROOT, 'docs/adapters/asterisk-ari.md'), 'utf8'),
      readFileSync(join(REPO_ROOT, 'docs/cli.md'), 'utf8'),
    ];
    const lines = docs.flatMap(serveLines).filter((args) => args.includes('asterisk-ari'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const args of lines) {
      const config = serverConfigOf(parseCommandArgs(args, serveCommand.options, 'serve'), '/', {});
      expect(config.adapter).toBe('asterisk-ari');
      expect(config.asterisk?.url).toMatch(/^http:\/\/127\.0\.0\.1:8088$/);
    }
    for (const flag of [
      '--adapter asterisk-ari',
      '--ari-url',
      '--ari-user',
      '--ari-password-file',
      '--ari-app',
    ]) {
      expect(printed).toContain(flag);
    }
  });

  it('has a valid flow', () => {
    const report = validateFlowText(read('support-flow.json'));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});
