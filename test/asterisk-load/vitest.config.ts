import { defineProject, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// The 60 s load test through the real Asterisk: it runs after every other project (groupOrder), on
// a machine no other test is loading, so what it measures is ringflow and Asterisk.
export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'asterisk-load',
      include: ['*.test.ts'],
      setupFiles: ['../setup/no-console.ts'],
      sequence: { groupOrder: 1 },
    },
  }),
);
