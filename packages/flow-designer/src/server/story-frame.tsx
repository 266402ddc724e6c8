import type { FlowDocument, Locale } from '@ringflow/flow-core';
import type { ColorMode } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas.js';
import type { CanvasHighlight } from '../canvas/FlowCanvas.js';
import { useIssues } from '../editor/useFlowEditor.js';
import { DesignerProviders } from '../FlowDesigner.js';
import { LocaleProvider } from '../i18n/i18n.js';
import { createMemoryStorage } from '../io/memory-storage.js';
import { storeConnection } from './connection.js';
import type { ConnectionStorages } from './connection.js';
import type { FakeServer } from './fake-server.js';
import { ServerDialogs } from './ServerDialogs.js';
import { ServerNotice } from './ServerNotice.js';
import { ServerPanel } from './ServerPanel.js';
import { ServerStatus } from './ServerStatus.js';
import { ServerSessionProvider } from './session-context.js';
import { useServerSession } from './useServerSession.js';
import type { ServerLink } from './useServerSession.js';

/** The token the story frame connects with. */
export const STORY_TOKEN = 'rf_story-token-0123456789abcdefghijkl';
/** The server the story frame connects to. */
export const STORY_SERVER = 'http://127.0.0.1:8300';

/** Props of {@link ServerStoryFrame}. */
export interface ServerStoryFrameProps {
  readonly server: FakeServer;
  /** The flow open at first (not on the server). */
  readonly flow: FlowDocument;
  /** Connected at once (a token kept for this tab), or not. */
  readonly connected?: boolean;
  readonly locale?: Locale;
  readonly colorMode?: ColorMode;
  /** Also told of every highlight, for play functions to check. */
  readonly onHighlight?: (highlight: CanvasHighlight | null) => void;
}

function Canvas({
  colorMode,
  highlight,
}: {
  readonly colorMode: ColorMode;
  readonly highlight: CanvasHighlight | null;
}) {
  return <FlowCanvas issues={useIssues()} colorMode={colorMode} highlight={highlight} />;
}

/**
 * For the server stories: the app's server parts around a canvas, as the app lays them out (its
 * toolbar status and notices, the canvas with the Server panel beside it, the dialogs), on a fake
 * server. Opening a flow of the server gives a new canvas, as in the app.
 */
export function ServerStoryFrame({
  server,
  flow,
  connected = true,
  locale = 'fr',
  colorMode = 'light',
  onHighlight,
}: ServerStoryFrameProps) {
  const [storages] = useState<ConnectionStorages>(() => {
    const made = { session: createMemoryStorage(), local: createMemoryStorage() };
    if (connected) storeConnection(made, { url: STORY_SERVER, token: STORY_TOKEN, remember: false });
    return made;
  });
  const [doc, setDoc] = useState<{ flow: FlowDocument; link?: ServerLink; key: number }>({ flow, key: 0 });
  const [highlight, setHighlight] = useState<CanvasHighlight | null>(null);
  const session = useServerSession({
    search: '',
    current: { flow: doc.flow, link: doc.link },
    onOpen: (opened, link) => setDoc((d) => ({ flow: opened, link, key: d.key + 1 })),
    onLink: (link) => setDoc((d) => (d.flow.id === link.flowId ? { ...d, link } : d)),
    storages,
    createClient: server.clientFor,
  });
  // Stable, as the designer's own setter is: the panels light the canvas up in an effect.
  const show = useCallback(
    (next: CanvasHighlight | null) => {
      setHighlight(next);
      onHighlight?.(next);
    },
    [onHighlight],
  );
  const modal = session.dialog !== null;
  return (
    <LocaleProvider locale={locale}>
      <div className={`rf-app rf-app-${colorMode}`} style={{ height: 'auto', minHeight: 720 }}>
        <header className="rf-toolbar" inert={modal}>
          <ServerStatus session={session} />
        </header>
        <div className="rf-notices" inert={modal}>
          <ServerNotice session={session} />
        </div>
        {/* A fixed height: the toolbar and notices above change as the session goes, the canvas must
            not (React Flow would measure it again in the middle of a story). */}
        <main className="rf-app-main" inert={modal} style={{ flex: 'none', height: 640 }}>
          <DesignerProviders
            key={doc.key}
            flow={doc.flow}
            locale={locale}
            onChange={(next) => setDoc((d) => ({ ...d, flow: next }))}
          >
            <ServerSessionProvider value={session}>
              <div className={`rf-designer rf-designer-${colorMode}`}>
                <div className="rf-designer-canvas">
                  <Canvas colorMode={colorMode} highlight={highlight} />
                </div>
                <aside className="rf-designer-side">
                  <ServerPanel onHighlight={show} />
                </aside>
              </div>
            </ServerSessionProvider>
          </DesignerProviders>
        </main>
        <ServerDialogs session={session} />
      </div>
    </LocaleProvider>
  );
}
