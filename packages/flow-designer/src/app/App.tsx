import type { FlowDocument, Locale } from '@ringflow/flow-core';
import type { ColorMode } from '@xyflow/react';
import { useState } from 'react';
import { FlowDesigner } from '../FlowDesigner.js';
import { createTranslator, localeFromSearch } from '../i18n/i18n.js';
import type { Example } from './examples.js';

export interface AppProps {
  readonly examples: readonly Example[];
  /** The page's query string: `?example=<folder>` and `?lang=en|fr`. */
  readonly search: string;
}

/** The folder asked for by `?example=`, else the first example. */
function initialFolder(examples: readonly Example[], search: string): string | undefined {
  const asked = new URLSearchParams(search).get('example');
  return examples.find((example) => example.folder === asked)?.folder ?? examples[0]?.folder;
}

/** Mirrors the app's state in the address bar, so a reload or a shared link shows the same thing. */
function updateQuery(name: string, value: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set(name, value);
  window.history.replaceState(null, '', url);
}

/** The designer app: the repository's example flows in the editor, with language and theme pickers. */
export function App({ examples, search }: AppProps) {
  const [locale, setLocale] = useState<Locale>(() => localeFromSearch(search));
  const [folder, setFolder] = useState(() => initialFolder(examples, search));
  const [colorMode, setColorMode] = useState<ColorMode>('light');
  // Edits are kept per example while the page is open.
  const [edited, setEdited] = useState<Readonly<Record<string, FlowDocument>>>({});
  const { t } = createTranslator(locale);
  const example = examples.find((e) => e.folder === folder);
  const flow = example === undefined ? undefined : (edited[example.folder] ?? example.flow);

  return (
    <div className={`rf-app rf-app-${colorMode}`}>
      <header className="rf-toolbar">
        <h1>{t('app.title')}</h1>
        <label>
          {t('app.example')}{' '}
          <select
            value={folder ?? ''}
            onChange={(event) => {
              setFolder(event.target.value);
              updateQuery('example', event.target.value);
            }}
          >
            {examples.map((e) => (
              <option key={e.folder} value={e.folder}>
                {e.flow.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('app.language')}{' '}
          <select
            value={locale}
            onChange={(event) => {
              const next = event.target.value === 'en' ? 'en' : 'fr';
              setLocale(next);
              updateQuery('lang', next);
            }}
          >
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t('app.theme')}{' '}
          <select
            value={colorMode}
            onChange={(event) => setColorMode(event.target.value === 'dark' ? 'dark' : 'light')}
          >
            <option value="light">{t('app.theme.light')}</option>
            <option value="dark">{t('app.theme.dark')}</option>
          </select>
        </label>
      </header>
      <main className="rf-app-main">
        {example === undefined || flow === undefined ? (
          <p>{t('app.noExample')}</p>
        ) : (
          <FlowDesigner
            // A new canvas per example, so fitView frames each flow.
            key={example.folder}
            flow={flow}
            onChange={(next) => setEdited((all) => ({ ...all, [example.folder]: next }))}
            locale={locale}
            colorMode={colorMode}
          />
        )}
      </main>
    </div>
  );
}
