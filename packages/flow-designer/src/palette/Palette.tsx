import { NODE_CATEGORIES, NODE_KINDS, NODE_KIND_IDS } from '@ringflow/flow-core';
import type { NodeCategory, NodeKindId } from '@ringflow/flow-core';
import { useMemo, useState } from 'react';
import type { DragEvent } from 'react';
import { KIND_DRAG_TYPE } from '../canvas/FlowCanvas.js';
import { addNextTo } from '../editor/commands.js';
import { useEditor } from '../editor/useFlowEditor.js';
import { useTranslator } from '../i18n/i18n.js';
import { CATEGORY_COLOURS } from '../nodes/NodeShell.js';

/** Lower case without accents, so "reponse" finds "Répondeur" and "menu" finds "Menu". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The id of the palette's search box, focused by the `/` shortcut. */
export const PALETTE_SEARCH_ID = 'rf-palette-search';

/**
 * The steps an admin can add, by category, with a search over their titles and descriptions in the
 * designer's language. A step is dragged onto the canvas, or added with a click (or Enter) next to the
 * selection; when exactly one node is selected and one of its exits is free, the new step is connected
 * to that exit.
 */
export function Palette() {
  const { t, text } = useTranslator();
  const editor = useEditor();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const byCategory = new Map<NodeCategory, NodeKindId[]>();
    for (const id of NODE_KIND_IDS) {
      const kind = NODE_KINDS[id];
      const haystack = fold(`${text(kind.title)} ${text(kind.description)} ${id}`);
      if (!words.every((word) => haystack.includes(word))) continue;
      byCategory.set(kind.category, [...(byCategory.get(kind.category) ?? []), id]);
    }
    return [...byCategory];
  }, [query, text]);

  const onDragStart = (event: DragEvent, kind: NodeKindId) => {
    event.dataTransfer.setData(KIND_DRAG_TYPE, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="rf-palette" aria-label={t('palette.title')}>
      <h2>{t('palette.title')}</h2>
      <input
        id={PALETTE_SEARCH_ID}
        type="search"
        className="rf-palette-search"
        placeholder={t('palette.search')}
        aria-label={t('palette.search')}
        aria-keyshortcuts="/"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {groups.length === 0 && <p className="rf-palette-empty">{t('palette.none')}</p>}
      {groups.map(([category, kinds]) => (
        <section key={category} aria-label={text(NODE_CATEGORIES[category])}>
          <h3>{text(NODE_CATEGORIES[category])}</h3>
          <ul>
            {kinds.map((id) => {
              const kind = NODE_KINDS[id];
              return (
                <li
                  key={id}
                  className="rf-palette-entry"
                  style={{ borderLeftColor: CATEGORY_COLOURS[category] }}
                >
                  <button
                    type="button"
                    className="rf-palette-item"
                    draggable
                    data-kind={id}
                    aria-describedby={`rf-palette-${id}`}
                    onDragStart={(event) => onDragStart(event, id)}
                    onClick={() => addNextTo(editor, id)}
                  >
                    <span className="rf-visually-hidden">{t('palette.addPrefix')}</span> {text(kind.title)}
                  </button>
                  <p id={`rf-palette-${id}`} className="rf-palette-item-description">
                    {text(kind.description)}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
