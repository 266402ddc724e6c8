import { useTranslator } from '../i18n/i18n.js';
import type { CustomEditorProps } from './form-context.js';
import { ListField } from './ListField.js';
import type { FieldSpec } from './schema-fields.js';

/** The first question id `q1`, `q2`… that no question has. */
function freshQuestionId(questions: readonly unknown[]): string {
  const taken = new Set(
    questions.map((question) =>
      question !== null && typeof question === 'object' ? (question as { id?: unknown }).id : undefined,
    ),
  );
  for (let n = 1; ; n += 1) if (!taken.has(`q${n}`)) return `q${n}`;
}

/**
 * The questions of a poll, in the order they are asked: each with its id, the sound that asks it and
 * the range of keys that answer it. A new question gets a fresh id and flow-core's defaults.
 */
export function PollQuestionsEditor({ info, path, value, issues, label, help }: CustomEditorProps) {
  const { t } = useTranslator();
  const spec = info.spec as Extract<FieldSpec, { type: 'list' }>;
  return (
    <ListField
      info={info}
      path={path}
      value={value}
      issues={issues}
      label={label}
      help={help}
      reorder
      itemLabel={(index) => t('inspector.poll.question', { index: index + 1 })}
      addLabel={t('inspector.poll.add')}
      emptyText={t('inspector.poll.none')}
      actionLabels={(index) => ({
        up: t('inspector.poll.moveUp', { index: index + 1 }),
        down: t('inspector.poll.moveDown', { index: index + 1 }),
        remove: t('inspector.poll.remove', { index: index + 1 }),
      })}
      newItem={(questions) => ({
        ...(structuredClone(spec.itemDefault) as object),
        id: freshQuestionId(questions),
      })}
    />
  );
}
