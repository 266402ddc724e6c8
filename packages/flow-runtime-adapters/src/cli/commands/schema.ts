import { flowJsonSchema } from '@ringflow/flow-core';
import { EXIT_CODES, writeJson } from '../io.js';
import type { CliCommand } from './command.js';

/** `ringflow schema`: the JSON Schema of the flow document, for editors and other tools. */
export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'Print the JSON Schema of the flow document (ringflow.flow/v1)',
  arguments: [],
  options: {},
  description: [
    'Prints the JSON Schema (draft 2020-12) of the flow document, generated from the same schemas that',
    'validate uses. Editors use it for completion. It cannot express cross-references (an edge to an',
    'unknown node): only validate checks those.',
  ],
  exitCodes: '0 printed, 2 usage error',
  async run(_args, io) {
    writeJson(io.stdout, flowJsonSchema());
    return EXIT_CODES.ok;
  },
};
