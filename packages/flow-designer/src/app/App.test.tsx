import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App.js';
import { EXAMPLES } from './examples.js';

describe('App', () => {
  it('loads every example flow of the repository', () => {
    expect(EXAMPLES.map((e) => e.folder)).toEqual([
      'evatel-receptionist',
      'goto-dial-plan',
      'onoff-greeting',
      'ringover-standard',
    ]);
  });

  it('opens the example named by ?example=, in French by default', () => {
    const { container } = render(<App examples={EXAMPLES} search="?example=onoff-greeting" />);
    expect(container.querySelector('.react-flow__node[data-id="boucle-appel"]')).not.toBeNull();
    expect(screen.getByText('ringflow – concepteur de flux')).toBeTruthy();
  });

  it('speaks English with ?lang=en', () => {
    render(<App examples={EXAMPLES} search="?example=goto-dial-plan&lang=en" />);
    expect(screen.getByText('ringflow – flow designer')).toBeTruthy();
    expect(screen.getAllByText('Business hours').length).toBeGreaterThan(0);
  });
});
