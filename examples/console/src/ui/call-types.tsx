/**
 * The call types as checkboxes, every requirable one, in the groups of
 * labels.ts (the seed's three first). One component for the account's
 * required types, a trunk's custom ones and a code's scope, so the three
 * pages offer the same list in the same order.
 */
import { REQUIRED_CALL_TYPES, type RequiredCallType } from 'account-codes';
import { CALL_TYPE_GROUPS, CALL_TYPE_LABELS } from './labels.js';

/** The selection with `type` turned on or off, in the library's order. */
export function toggled(
  selected: readonly RequiredCallType[],
  type: RequiredCallType,
  on: boolean,
): RequiredCallType[] {
  return REQUIRED_CALL_TYPES.filter((t) => (t === type ? on : selected.includes(t)));
}

export function CallTypeChoices(props: {
  /** Prefix of the checkboxes' ids: `${idPrefix}-${type}`. */
  idPrefix: string;
  selected: readonly RequiredCallType[];
  onChange: (selected: RequiredCallType[]) => void;
  disabled?: boolean;
  /** ARIA wiring for each checkbox, when the list as a whole carries an error. */
  invalid?: { 'aria-invalid'?: true; 'aria-describedby'?: string };
}) {
  const { idPrefix, selected, onChange, disabled = false, invalid = {} } = props;
  return (
    <div class="call-type-groups">
      {CALL_TYPE_GROUPS.map((group) => (
        <fieldset key={group.id} class="call-type-group" data-group={group.id}>
          <legend>{group.label}</legend>
          {group.types.map((type) => (
            <div class="field check" key={type}>
              <input
                id={`${idPrefix}-${type}`}
                type="checkbox"
                disabled={disabled}
                checked={selected.includes(type)}
                onChange={(e) => onChange(toggled(selected, type, e.currentTarget.checked))}
                {...invalid}
              />
              <label for={`${idPrefix}-${type}`}>{CALL_TYPE_LABELS[type]}</label>
            </div>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
