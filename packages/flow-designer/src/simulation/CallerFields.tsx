import { useId } from 'react';
import { useTranslator } from '../i18n/i18n.js';

/** The caller's side of a simulated call, shared by the test call and the week view. */
export interface CallerValue {
  readonly from: string;
  readonly anonymous: boolean;
  readonly digits: string;
}

/** The caller's number (with suggestions from the flow, if any) or a hidden number. */
export function CallerNumberFields({
  value,
  onChange,
  suggestions = [],
}: {
  readonly value: Pick<CallerValue, 'from' | 'anonymous'>;
  readonly onChange: (change: Partial<CallerValue>) => void;
  readonly suggestions?: readonly { readonly number: string; readonly label: string }[];
}) {
  const { t } = useTranslator();
  const id = useId();
  return (
    <>
      <label>
        {t('testCall.from')}
        <input
          type="tel"
          value={value.from}
          disabled={value.anonymous}
          list={suggestions.length > 0 ? `${id}-numbers` : undefined}
          onChange={(event) => onChange({ from: event.target.value })}
        />
      </label>
      {suggestions.length > 0 && (
        <datalist id={`${id}-numbers`}>
          {suggestions.map(({ number, label }) => (
            <option key={number} value={number} label={label} />
          ))}
        </datalist>
      )}
      <label className="rf-sim-inline">
        <input
          type="checkbox"
          checked={value.anonymous}
          onChange={(event) => onChange({ anonymous: event.target.checked })}
        />
        {t('testCall.anonymous')}
      </label>
    </>
  );
}

/** The keys the caller types, one group per step that collects digits. */
export function DigitsField({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (change: Partial<CallerValue>) => void;
}) {
  const { t } = useTranslator();
  const id = useId();
  return (
    <>
      <label>
        {t('testCall.digits')}
        <input
          type="text"
          value={value}
          placeholder="1 - 5"
          aria-describedby={`${id}-digits-hint`}
          autoComplete="off"
          onChange={(event) => onChange({ digits: event.target.value })}
        />
      </label>
      <small id={`${id}-digits-hint`} className="rf-sim-hint">
        {t('testCall.digitsHint')}
      </small>
    </>
  );
}
