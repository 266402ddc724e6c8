import { hasHolidayCatalogue } from '@ringflow/flow-core';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { flowOf } from '../../test/fixtures.js';

const flow = flowOf({
  format: 'ringflow.flow/v1',
  id: 'f',
  name: 'F',
  timezone: 'Europe/Paris',
  entry: 'bye',
  schedules: [
    {
      id: 'office',
      name: 'Bureau',
      weekly: { mon: [['09:00', '18:00']] },
      publicHolidays: { country: 'ZZ' },
    },
  ],
  nodes: [{ id: 'bye', kind: 'hangup' }],
});

describe('public holidays in the designer', () => {
  it('load once the page is interactive, and then validation runs again', async () => {
    // A fresh module graph, as a page starts: flow-core/core with no holidays installed.
    vi.resetModules();
    const core = await import('@ringflow/flow-core');
    const { FlowDesigner } = await import('../FlowDesigner.js');
    expect(core.hasHolidayCatalogue()).toBe(false);
    render(
      <div style={{ width: 1200, height: 800 }}>
        <FlowDesigner flow={flow} locale="en" />
      </div>,
    );
    // First paint: flow-core cannot tell whether "ZZ" has holidays, so it says nothing.
    expect(screen.getByRole('tab', { name: /Problems/ }).textContent).toBe('Problems');
    await waitFor(() => expect(core.hasHolidayCatalogue()).toBe(true), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByRole('tab', { name: /Problems/ }).textContent).toBe('Problems1'), {
      timeout: 10_000,
    });
    // The setup file's own copy of flow-core is another module instance, with holidays from the start.
    expect(hasHolidayCatalogue()).toBe(true);
  }, 30_000);

  it('hold a simulation of a flow with public holidays until they are there', async () => {
    vi.resetModules();
    const core = await import('@ringflow/flow-core');
    const { holidaysReadyFor } = await import('./holidays.js');
    expect(core.hasHolidayCatalogue()).toBe(false);
    const withoutHolidays = { ...flow, schedules: [] };
    expect(holidaysReadyFor(withoutHolidays, () => undefined)).toBe(true);
    let ran = 0;
    expect(holidaysReadyFor(flow, () => (ran += 1))).toBe(false);
    expect(ran).toBe(0);
    await waitFor(() => expect(ran).toBe(1), { timeout: 10_000 });
    expect(core.hasHolidayCatalogue()).toBe(true);
    expect(holidaysReadyFor(flow, () => (ran += 1))).toBe(true);
  }, 30_000);
});
