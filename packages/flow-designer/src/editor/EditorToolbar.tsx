import { copySelection, cutSelection, deleteSelection, duplicateSelection, paste } from './commands.js';
import { useEditor } from './useFlowEditor.js';
import { TOOLBAR_ICONS } from './toolbar-icons.js';
import { SHORTCUTS } from './useShortcuts.js';
import { useTranslator } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

interface ToolbarAction {
  readonly id: keyof typeof SHORTCUTS & keyof typeof TOOLBAR_ICONS;
  readonly label: MessageKey;
  readonly disabled: boolean;
  readonly run: () => void;
}

/** The editing commands as buttons, each with its shortcut, for the mouse and for screen readers. */
export function EditorToolbar({
  onLayout,
  layoutRunning,
  layoutError = null,
}: {
  onLayout: () => void;
  layoutRunning: boolean;
  layoutError?: Error | null;
}) {
  const editor = useEditor();
  const { t } = useTranslator();
  const nothing = editor.selection.nodes.length === 0;
  const actions: readonly ToolbarAction[] = [
    { id: 'undo', label: 'toolbar.undo', disabled: !editor.canUndo, run: editor.undo },
    { id: 'redo', label: 'toolbar.redo', disabled: !editor.canRedo, run: editor.redo },
    { id: 'cut', label: 'toolbar.cut', disabled: nothing, run: () => void cutSelection(editor) },
    {
      id: 'copy',
      label: 'toolbar.copy',
      disabled: nothing,
      run: () => void copySelection(editor),
    },
    { id: 'paste', label: 'toolbar.paste', disabled: false, run: () => void paste(editor) },
    {
      id: 'duplicate',
      label: 'toolbar.duplicate',
      disabled: nothing,
      run: () => void duplicateSelection(editor),
    },
    {
      id: 'delete',
      label: 'toolbar.delete',
      disabled: nothing && editor.selection.edges.length === 0,
      run: () => deleteSelection(editor),
    },
    {
      id: 'layout',
      label: layoutRunning ? 'toolbar.layout.running' : 'toolbar.layout',
      disabled: layoutRunning,
      run: onLayout,
    },
  ];
  return (
    <div role="toolbar" aria-label={t('toolbar.label')} className="rf-editor-toolbar">
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          aria-label={t(action.label)}
          aria-keyshortcuts={SHORTCUTS[action.id]}
          title={`${t(action.label)} (${SHORTCUTS[action.id].replace('Control', 'Ctrl')})`}
          disabled={action.disabled}
          onClick={action.run}
        >
          {TOOLBAR_ICONS[action.id]}
          <span className="rf-editor-toolbar-text">{t(action.label)}</span>
        </button>
      ))}
      {layoutError !== null && (
        <p role="alert" className="rf-editor-toolbar-error">
          {t('toolbar.layout.failed', { reason: layoutError.message })}
        </p>
      )}
    </div>
  );
}
