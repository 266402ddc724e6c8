import type { FlowIssue, TimeRange } from '@ringflow/flow-core';
import { useId, useState } from 'react';
import { useTranslator } from '../i18n/i18n.js';
import { IssueMessages } from './IssueMessages.js';
import { formatRanges, parseRanges } from './week-hours.js';

/** Props of {@link RangesInput}. */
export interface RangesInputProps {
  /** The accessible name of the field ("Monday", "Hours of 24 December"). */
  readonly label: string;
  /** Whether the label is shown (else it is only the field's accessible name). */
  readonly showLabel?: boolean;
  readonly ranges: readonly TimeRange[];
  /** Receives the ranges typed, each time the text reads as ranges. */
  readonly onChange: (ranges: TimeRange[]) => void;
  /** flow-core's issues about these ranges (malformed times, empty or overlapping ranges). */
  readonly issues: readonly FlowIssue[];
  /** What an empty field means ("Closed"). */
  readonly placeholder: string;
  readonly disabled?: boolean;
}

const same = (a: readonly TimeRange[], b: readonly TimeRange[]) =>
  a.length === b.length && a.every((range, i) => range[0] === b[i]![0] && range[1] === b[i]![1]);

/**
 * Exact opening ranges as text, `08:45–12:30, 14:00–18:00`: any minute, and ranges past midnight
 * (`22:00–02:00`). While the admin types, the text is theirs; each time it reads as ranges, the
 * ranges go to the document (flow-core then checks the times and reports beside the field). When the
 * field is left, it shows the document's ranges again, written the usual way.
 */
export function RangesInput({
  label,
  showLabel = true,
  ranges,
  onChange,
  issues,
  placeholder,
  disabled = false,
}: RangesInputProps) {
  const { t } = useTranslator();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const unreadable = draft !== null && parseRanges(draft) === null;
  const described = [
    `${id}-format`,
    unreadable ? `${id}-syntax` : '',
    issues.length > 0 ? `${id}-issues` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="rf-lib-ranges">
      <label className={showLabel ? 'rf-lib-field' : 'rf-lib-field rf-lib-field-bare'}>
        <span className={showLabel ? undefined : 'rf-visually-hidden'}>{label}</span>
        <input
          type="text"
          inputMode="text"
          spellCheck={false}
          disabled={disabled}
          value={draft ?? formatRanges(ranges)}
          placeholder={placeholder}
          aria-invalid={unreadable || issues.some((issue) => issue.severity === 'error') || undefined}
          aria-describedby={described}
          onFocus={() => setDraft(formatRanges(ranges))}
          onBlur={() => setDraft(null)}
          onChange={(event) => {
            const text = event.target.value;
            setDraft(text);
            const read = parseRanges(text);
            if (read !== null && !same(read, ranges)) onChange(read);
          }}
          onKeyDown={(event) => {
            // Enter shows the ranges as the document now holds them, written the usual way.
            if (event.key === 'Enter' && !unreadable) setDraft(formatRanges(ranges));
          }}
        />
      </label>
      <span className="rf-visually-hidden" id={`${id}-format`}>
        {t('library.ranges.format')}
      </span>
      {unreadable && (
        <p className="rf-lib-issue rf-lib-issue-error" id={`${id}-syntax`}>
          {t('library.ranges.syntax')}
        </p>
      )}
      <IssueMessages issues={issues} id={`${id}-issues`} />
    </div>
  );
}
