/**
 * docs/rules.md#administrative-operations's question on saving the account settings: "enable account codes
 * for all trunks that don't have it yet?" Yes turns on every trunk whose flag
 * is off, including trunks turned off on purpose; No leaves every flag alone.
 */
import type { Config } from 'account-codes';
import { QuestionDialog } from './dialog.js';

/** The trunks a Yes would turn on. */
export function trunksOff(config: Config): readonly string[] {
  return config.trunks.filter((trunk) => !trunk.accountCodesEnabled).map((trunk) => trunk.id);
}

export function EnableForAllTrunksDialog(props: {
  /** Open while set: the trunks a Yes would turn on. */
  trunks: readonly string[] | undefined;
  /** The answer: true for Yes, false for No, undefined for Cancel. */
  onAnswer: (enableForAllTrunks: boolean | undefined) => void;
}) {
  return (
    <QuestionDialog
      open={props.trunks !== undefined}
      title="Enable account codes for all trunks that don't have it yet?"
      detail={`Yes turns it on for ${props.trunks?.join(', ') ?? ''}, including trunks turned off on purpose. No leaves every trunk as it is. Custom settings are kept either way.`}
      answers={[
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]}
      onAnswer={(answer) => props.onAnswer(answer === 'cancel' ? undefined : answer === 'yes')}
    />
  );
}
