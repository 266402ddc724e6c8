/**
 * @ringflow/flow-designer: the visual editor of ringflow flows, a thin React + React Flow layer over
 * flow-core (schemas, ports, validation and schedules all come from flow-core).
 *
 * @example
 * import { FlowDesigner } from '@ringflow/flow-designer';
 * <FlowDesigner flow={flow} onChange={setFlow} locale="fr" />;
 *
 * @packageDocumentation
 */

export { FlowDesigner } from './FlowDesigner.js';
export { FlowCanvas } from './canvas/FlowCanvas.js';
export { ProblemsPanel } from './panels/ProblemsPanel.js';
export { NODE_FACETS, NODE_TYPES } from './nodes/index.js';
export { MESSAGES } from './i18n/messages.js';
export { createTranslator, DEFAULT_LOCALE, localeFromSearch, LocaleProvider } from './i18n/i18n.js';

// Types.
export type { FlowDesignerProps } from './FlowDesigner.js';
export type { FlowCanvasProps } from './canvas/FlowCanvas.js';
export type { ProblemsPanelProps } from './panels/ProblemsPanel.js';
export type { DesignerNode, DesignerNodeData, NodeFacet, NodeFacets, SummaryProps } from './nodes/index.js';
export type { MessageKey, Messages } from './i18n/messages.js';
export type { Translator } from './i18n/i18n.js';
