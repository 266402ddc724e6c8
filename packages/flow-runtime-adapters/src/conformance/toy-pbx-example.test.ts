import { describe, expect, it } from 'vitest';
import { checkToyPbx } from '../../../../examples/adapters/toy-pbx/conformance.js';

// The adapter that docs/adapters/writing-an-adapter.md walks through passes the conformance kit.
describe('examples/adapters/toy-pbx', () => {
  it('matches the simulator on every example scenario', async () => {
    const report = await checkToyPbx();
    expect(report.text).toBe('Conformance of adapter "toy-pbx": all 44 scenarios match the simulator.\n');
  }, 60_000);
});
