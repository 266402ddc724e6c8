import { validateFlow } from '@ringflow/flow-core';
import type { FlowDocument, FlowIssue, Locale } from '@ringflow/flow-core';
import { ReactFlowProvider } from '@xyflow/react';
import type { ColorMode } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Suspense, lazy, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { FlowCanvas } from './canvas/FlowCanvas.js';
import type { CanvasHighlight } from './canvas/FlowCanvas.js';
import { EditorToolbar } from './editor/EditorToolbar.js';
import { useAutoLayout } from './layout/useAutoLayout.js';
import { useAfterFirstPaint } from './editor/on-demand.js';
import { useHolidays } from './editor/holidays.js';
import { useShortcuts } from './editor/useShortcuts.js';
import { useShowNode } from './editor/useShowNode.js';
import { Palette } from './palette/Palette.js';
import {
  EditorProvider,
  IssuesProvider,
  useEditor,
  useFlowEditor,
  useIssues,
} from './editor/useFlowEditor.js';
import { DEFAULT_LOCALE, LocaleProvider, useTranslator } from './i18n/i18n.js';
import { Inspector, preloadInspector } from './inspector/Inspector.js';
import { ProblemsPanel } from './panels/ProblemsPanel.js';
import { ServerTabLabel, useServerSessionContext } from './server/session-context.js';
import './styles.css';

/** Props of {@link FlowDesigner}. */
export interface FlowDesignerProps {
  /** The flow document to show, as flow-core parses it (defaults applied). */
  readonly flow: FlowDocument;
  /** Receives the new document after each edit; pass it back as `flow` (a controlled component). */
  readonly onChange?: (flow: FlowDocument) => void;
  /** Language of every label and message. Default `fr`. */
  readonly locale?: Locale;
  /** Light or dark canvas. Default `light`. */
  readonly colorMode?: ColorMode;
}

// The panels behind a tab are loaded on first use: the simulator (xstate) and the library editors
// are not part of the JavaScript a page needs before it is interactive.
const LibraryPanel = lazy(() =>
  import('./library/LibraryPanel.js').then((m) => ({ default: m.LibraryPanel })),
);
const TestCallPanel = lazy(() =>
  import('./panels/TestCallPanel.js').then((m) => ({ default: m.TestCallPanel })),
);
const WeekView = lazy(() => import('./simulation/WeekView.js').then((m) => ({ default: m.WeekView })));
const ServerPanel = lazy(() => import('./server/on-demand.js').then((m) => ({ default: m.ServerPanel })));

type SideTab = 'inspector' | 'library' | 'problems' | 'testCall' | 'weekView' | 'server';
const SIDE_TABS: readonly SideTab[] = ['inspector', 'library', 'problems', 'testCall', 'weekView'];
// The Server tab is there when the app gives a server session (a bare FlowDesigner has none).
const SIDE_TABS_WITH_SERVER: readonly SideTab[] = [...SIDE_TABS, 'server'];

function DesignerLayout({ colorMode }: { readonly colorMode: ColorMode }) {
  const editor = useEditor();
  const { flow } = editor;
  const { t } = useTranslator();
  const server = useServerSessionContext();
  const tabs = server === null ? SIDE_TABS : SIDE_TABS_WITH_SERVER;
  // Every edit is checked again by flow-core (DesignerProviders); the designer never re-implements a rule.
  const issues = useIssues();
  const [highlight, setHighlight] = useState<CanvasHighlight | null>(null);
  // A flow opened from the Server panel comes with a new canvas: the panel stays in front.
  const [tab, setTab] = useState<SideTab>(() => (server?.reopenPanel === true ? 'server' : 'inspector'));
  const showNode = useShowNode();
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const root = useRef<HTMLDivElement>(null);
  const layout = useAutoLayout();
  const shortcutActions = useMemo(() => ({ layout: () => void layout.run() }), [layout]);
  useShortcuts(editor, root, shortcutActions);
  // The Properties panel's forms, loaded once the page is interactive (a first click on a step in
  // the meantime shows them a moment later, the step being selected at once).
  useAfterFirstPaint(() => void preloadInspector().catch(() => undefined));

  return (
    <div ref={root} className={`rf-designer rf-designer-${colorMode}`}>
      <Palette />
      <div className="rf-designer-canvas">
        <EditorToolbar
          onLayout={shortcutActions.layout}
          layoutRunning={layout.running}
          layoutError={layout.error}
        />
        <FlowCanvas issues={issues} colorMode={colorMode} highlight={highlight} />
      </div>
      <aside className="rf-designer-side">
        <div role="tablist" aria-label={t('side.tabs')} className="rf-tabs">
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`rf-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`rf-tabpanel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                const next = tabs[(tabs.indexOf(id) + step + tabs.length) % tabs.length] ?? id;
                setTab(next);
                document.getElementById(`rf-tab-${next}`)?.focus();
              }}
            >
              {id === 'server' ? <ServerTabLabel /> : t(`side.${id}`)}
              {id === 'problems' && issues.length > 0 && (
                <span className={errors > 0 ? 'rf-tab-count rf-tab-count-error' : 'rf-tab-count'}>
                  {issues.length}
                </span>
              )}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id={`rf-tabpanel-${tab}`}
          aria-labelledby={`rf-tab-${tab}`}
          className="rf-tabpanel"
        >
          <Suspense fallback={<p className="rf-loading">{t('side.loading')}</p>}>
            {tab === 'inspector' && <Inspector />}
            {tab === 'library' && <LibraryPanel />}
            {tab === 'problems' && <ProblemsPanel flow={flow} issues={issues} onSelectNode={showNode} />}
            {tab === 'testCall' && <TestCallPanel flow={flow} onHighlight={setHighlight} />}
            {tab === 'weekView' && <WeekView flow={flow} onHighlight={setHighlight} />}
            {tab === 'server' && <ServerPanel onHighlight={setHighlight} />}
          </Suspense>
        </div>
      </aside>
    </div>
  );
}

/** The editor of `flow` for everything below it: panels read and change the flow through useEditor. */
export function DesignerProviders({
  flow,
  onChange,
  locale = DEFAULT_LOCALE,
  children,
}: {
  readonly flow: FlowDocument;
  readonly onChange?: (flow: FlowDocument) => void;
  readonly locale?: Locale;
  readonly children: ReactNode;
}) {
  const editor = useFlowEditor(flow, onChange);
  // Validated again when the public holidays arrive (holiday countries are checked then).
  const holidays = useHolidays();
  const issues = useMemo<readonly FlowIssue[]>(() => {
    // Measured, so the browser benchmark can read the cost of validation per edit.
    const start = performance.now();
    const report = validateFlow(editor.flow, { locale });
    performance.measure('ringflow:validate', { start, end: performance.now() });
    return [...report.errors, ...report.warnings];
    // `holidays` is not read here: it changes when the public holidays arrive, and then validation
    // must run again.
  }, [editor.flow, locale, holidays]);
  return (
    <LocaleProvider locale={locale}>
      <EditorProvider value={editor}>
        <IssuesProvider value={issues}>
          <ReactFlowProvider>{children}</ReactFlowProvider>
        </IssuesProvider>
      </EditorProvider>
    </LocaleProvider>
  );
}

/**
 * The ringflow flow editor: the flow on a React Flow canvas (one node component per kind, edges
 * labelled by port, minimap, zoom controls, snap to grid), checked by flow-core on every change, with
 * badges on the nodes concerned and a Problems panel whose entries select and centre their node, and a
 * test call panel that runs flow-core's simulator and plays the call's path back on the canvas.
 * Node moves are reported through `onChange` as a new document (the old one is never mutated).
 * It fills its parent, which must have a height.
 *
 * @example
 * import { parseFlow } from '@ringflow/flow-core';
 * import { FlowDesigner } from '@ringflow/flow-designer';
 *
 * function Editor({ json }: { json: unknown }) {
 *   const parsed = parseFlow(json);
 *   const [flow, setFlow] = useState(parsed.flow);
 *   if (flow === undefined) return <p>Invalid flow</p>;
 *   return <FlowDesigner flow={flow} onChange={setFlow} locale="en" />;
 * }
 */
export function FlowDesigner({
  flow,
  onChange,
  locale = DEFAULT_LOCALE,
  colorMode = 'light',
}: FlowDesignerProps) {
  return (
    <DesignerProviders flow={flow} onChange={onChange} locale={locale}>
      <DesignerLayout colorMode={colorMode} />
    </DesignerProviders>
  );
}
