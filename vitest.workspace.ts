/**
 * The single list of test projects. The root `vitest.config.ts` passes it to `test.projects`
 * (Vitest 4 no longer reads workspace files by itself).
 */
export default [
  'packages/flow-core',
  'packages/flow-runtime-adapters',
  'packages/flow-designer',
  'packages/flow-designer/e2e',
  // The designer's stories, each run as a test in Chromium.
  'packages/flow-designer/vitest.storybook.config.ts',
  'test',
  // The Asterisk load test, after all the others.
  'test/asterisk-load/vitest.config.ts',
];
