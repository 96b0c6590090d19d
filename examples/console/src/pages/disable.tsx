/**
 * The Disable page (docs/rules.md#administrative-operations): turning account codes off for the account,
 * with the administrator's choice to keep or delete the trunks' custom
 * settings, and turning them back on, which restores what was kept.
 */
import { type Config, disableAccountCodes, saveAccountSettings } from 'account-codes';
import { useState } from 'preact/hooks';
import { QuestionDialog } from '../ui/dialog.js';
import { EnableForAllTrunksDialog, trunksOff } from '../ui/enable-all-dialog.js';
import { type FieldProblem, FormProblem, Report } from '../ui/problems.js';
import type { Page, PageProps } from './page.js';

type Props = PageProps & { readonly config: Config };
type Asking = 'disable' | 'enable' | undefined;

function DisablePage({ config, apply }: Props) {
  const [asking, setAsking] = useState<Asking>();
  const [problem, setProblem] = useState<FieldProblem>();
  const [report, setReport] = useState<string>();
  const enabled = config.account.settings.enabled;
  const custom = config.trunks.filter((trunk) => trunk.customSettings !== undefined);
  const off = trunksOff(config);

  const disable = (keepCustomSettings: boolean) => {
    const result = disableAccountCodes(config, { keepCustomSettings });
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    const removed = result.report.customSettingsRemoved;
    setReport(
      `Account codes are off: no trunk prompts. ${
        removed.length === 0
          ? 'Custom settings were kept.'
          : `Custom settings deleted from: ${removed.join(', ')}.`
      }`,
    );
    apply(result.config);
  };
  const enable = (enableForAllTrunks: boolean) => {
    const result = saveAccountSettings(config, { settings: { enabled: true }, enableForAllTrunks });
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    const turnedOn = result.report.trunksEnabled;
    setReport(
      `Account codes are on again.${turnedOn.length === 0 ? '' : ` Turned on for: ${turnedOn.join(', ')}.`}`,
    );
    apply(result.config);
  };
  const onEnable = () => {
    setReport(undefined);
    if (off.length === 0) enable(false);
    else setAsking('enable');
  };

  return (
    <section aria-labelledby="status-heading">
      <h3 id="status-heading">Account codes are {enabled ? 'on' : 'off'}</h3>
      <FormProblem fields={[]} problem={problem} />
      <p>
        Trunks with custom settings:{' '}
        <span data-testid="custom-trunks">
          {custom.length === 0 ? 'none' : custom.map((trunk) => trunk.id).join(', ')}
        </span>
        . Trunk flags and the code list always survive a disable.
      </p>
      {enabled ? (
        <button
          type="button"
          onClick={() => {
            setReport(undefined);
            setAsking('disable');
          }}
        >
          Disable account codes
        </button>
      ) : (
        <button type="button" onClick={onEnable}>
          Re-enable account codes
        </button>
      )}
      {report !== undefined && <Report>{report}</Report>}
      <QuestionDialog
        open={asking === 'disable'}
        title="Keep the trunks' custom settings?"
        detail="Keep: re-enabling restores every trunk's settings as they are now. Delete: every trunk inherits the account's settings after re-enabling."
        answers={[
          { value: 'keep', label: 'Keep custom settings' },
          { value: 'delete', label: 'Delete custom settings' },
        ]}
        onAnswer={(answer) => {
          setAsking(undefined);
          if (answer !== 'cancel') disable(answer === 'keep');
        }}
      />
      <EnableForAllTrunksDialog
        trunks={asking === 'enable' ? off : undefined}
        onAnswer={(enableForAllTrunks) => {
          setAsking(undefined);
          if (enableForAllTrunks !== undefined) enable(enableForAllTrunks);
        }}
      />
    </section>
  );
}

export const disablePage: Page = {
  id: 'disable',
  title: 'Disable',
  needsConfig: true,
  component: DisablePage,
};
