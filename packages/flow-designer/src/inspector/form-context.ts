import type { NodeReference } from '@ringflow/flow-core';
import { createContext, useContext } from 'react';
import type { ComponentType } from 'react';
import type { LocatedIssue } from './issues.js';
import type { FieldInfo } from './schema-fields.js';

/** A place inside a node's config: keys and list indexes. */
export type ConfigPath = readonly (string | number)[];

/** Props of a field of the config form, at any depth. */
export interface ConfigFieldProps {
  readonly info: FieldInfo;
  readonly path: ConfigPath;
  /** The field's issues, their paths relative to it. */
  readonly issues: readonly LocatedIssue[];
  /** Replaces the label the table gives (list items: "Question 2"). */
  readonly label?: string;
}

/** Props of an editor built for one field of one kind (menu options, poll questions). */
export interface CustomEditorProps {
  readonly info: FieldInfo;
  readonly path: ConfigPath;
  readonly value: unknown;
  readonly issues: readonly LocatedIssue[];
  readonly label: string;
  readonly help: string | undefined;
}

/** What every field of the config form of one node shares. */
export interface FormContextValue {
  readonly nodeId: string;
  readonly kind: string;
  readonly config: unknown;
  /**
   * Writes `value` at `path` of the node's config (`undefined` removes the key), as one undo step.
   * With `typing`, successive writes of the same field merge into one step (a typed word).
   */
  set(path: ConfigPath, value: unknown, typing?: boolean): void;
  /** The flow-library references of the config (flow-core's `references`), by JSON of their path. */
  readonly references: ReadonlyMap<string, NodeReference['type']>;
  /** The field component, for editors that nest fields (passed here to keep modules acyclic). */
  readonly Field: ComponentType<ConfigFieldProps>;
}

const FormContext = createContext<FormContextValue | null>(null);

/** Gives the fields below it the node whose config they edit. */
export const FormProvider = FormContext.Provider;

/** The config form the field is part of. */
export function useForm(): FormContextValue {
  const form = useContext(FormContext);
  if (form === null) throw new Error('useForm must be used inside <ConfigForm>');
  return form;
}

/** The undo merge key of typing in one field of one node. */
export function typingKey(nodeId: string, path: ConfigPath): string {
  return `${nodeId}:config.${path.join('.')}`;
}
