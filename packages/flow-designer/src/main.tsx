import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { EXAMPLES } from './app/examples.js';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App examples={EXAMPLES} search={window.location.search} />
  </StrictMode>,
);
