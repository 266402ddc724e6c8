import { describe, expect, it } from 'vitest';
import { parseCommandArgs, type OptionSpecs } from './args.js';
import { UsageError } from './io.js';

const options: OptionSpecs = {
  json: { type: 'boolean', description: 'JSON' },
  lang: { type: 'string', valueName: 'en|fr', choices: ['en', 'fr'], description: 'Language' },
  help: { type: 'boolean', short: 'h', description: 'Help' },
};

function parse(args: string[]) {
  return parseCommandArgs(args, options, 'validate');
}

function failure(args: string[]): UsageError {
  try {
    parse(args);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(args)} to be refused`);
}

describe('parseCommandArgs', () => {
  it('separates options from arguments, in any order', () => {
    const parsed = parse(['--lang', 'fr', 'flow.json', '--json']);
    expect(parsed.positionals).toEqual(['flow.json']);
    expect({ ...parsed.values }).toEqual({ lang: 'fr', json: true });
    expect({ ...parse(['--lang=en', '-h']).values }).toEqual({ lang: 'en', help: true });
  });

  it('treats everything after -- as arguments', () => {
    expect(parse(['--', '--json', '-x']).positionals).toEqual(['--json', '-x']);
  });

  it('refuses unknown options, values given to flags and missing or unknown values', () => {
    expect(failure(['--jsn']).message).toBe('unknown option --jsn');
    expect(failure(['-j']).message).toBe('unknown option -j');
    expect(failure(['--json=true']).message).toBe('option --json takes no value');
    expect(failure(['--lang']).message).toBe('option --lang needs a value (en|fr)');
    expect(failure(['--lang', '-h']).message).toBe('option --lang needs a value (en|fr)');
    expect(failure(['--lang', 'EN']).message).toBe('option --lang must be en or fr, not "EN"');
    expect(failure(['--lang']).command).toBe('validate');
  });

  it('never reaches Object.prototype through an option name', () => {
    expect(failure(['--__proto__']).message).toBe('unknown option --__proto__');
    expect(failure(['--constructor=1']).message).toBe('unknown option --constructor');
    expect(failure(['--toString']).message).toBe('unknown option --toString');
    expect(Object.getPrototypeOf(parse([]).values)).toBeNull();
  });

  it('accepts an explicit dash-leading value written inline', () => {
    expect(failure(['--lang=-x']).message).toBe('option --lang must be en or fr, not "-x"');
  });
});
