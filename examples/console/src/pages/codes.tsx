/**
 * The Codes page (docs/rules.md#administrative-operations): add, rename (the name only: a new number is a
 * new code), remove, each code's scope (docs/rules.md#scoped-codes: call types, trunks, validity,
 * suspension), and the all-or-nothing CSV import that lists every bad row.
 */
import {
  type AccountCode,
  addCode,
  type Config,
  type CsvRowProblem,
  exportCodesCsv,
  importCodesCsv,
  removeCode,
  renameCode,
} from 'account-codes';
import { useState } from 'preact/hooks';
import { download } from '../ui/download.js';
import { callTypesInWords } from '../ui/labels.js';
import {
  FieldMessage,
  type FieldProblem,
  FormProblem,
  invalidProps,
  Report,
  Warnings,
} from '../ui/problems.js';
import { warningsAt } from '../ui/warnings.js';
import { ScopeEditor } from './code-scope.js';
import type { Page, PageProps } from './page.js';

type Props = PageProps & { readonly config: Config };

function AddCodeForm({ config, apply }: Props) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<FieldProblem>();
  const [added, setAdded] = useState<string>();
  const scope = 'add-code';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = addCode(config, name === '' ? { code } : { code, name });
    if (!result.ok) {
      setProblem(result.error);
      setAdded(undefined);
      return;
    }
    setProblem(undefined);
    setAdded(code);
    setCode('');
    setName('');
    apply(result.config);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a code">
      <FormProblem fields={['code', 'name']} problem={problem} />
      <div class="field">
        <label for="new-code">Code ({config.account.codeLength} digits)</label>
        <input
          id="new-code"
          inputMode="numeric"
          autocomplete="off"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          {...invalidProps(scope, 'code', problem)}
        />
        <FieldMessage scope={scope} field="code" problem={problem} />
      </div>
      <div class="field">
        <label for="new-code-name">Name (optional, up to 64 characters)</label>
        <input
          id="new-code-name"
          class="code-name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          {...invalidProps(scope, 'name', problem)}
        />
        <FieldMessage scope={scope} field="name" problem={problem} />
      </div>
      <button type="submit">Add code</button>
      {added !== undefined && <Report>Code {added} added.</Report>}
    </form>
  );
}

/** A code's scope in a few words: what it may authorize, where and when. */
function scopeSummary(entry: AccountCode): string {
  const parts = [
    entry.suspended === true ? 'Suspended' : undefined,
    entry.callTypes === undefined ? undefined : `only ${callTypesInWords(entry.callTypes)}`,
    entry.trunks === undefined ? undefined : `on ${entry.trunks.join(', ')}`,
    entry.validFrom === undefined ? undefined : `from ${entry.validFrom}`,
    entry.validUntil === undefined ? undefined : `until ${entry.validUntil}`,
  ].filter((part) => part !== undefined);
  const text = parts.join('; ');
  return text === '' ? 'Any call, any trunk, any time' : text[0]?.toUpperCase() + text.slice(1);
}

function CodeRow({
  config,
  apply,
  entry,
  editing,
  onEdit,
}: Props & { entry: AccountCode; editing: boolean; onEdit: () => void }) {
  const [name, setName] = useState(entry.name ?? '');
  const [problem, setProblem] = useState<FieldProblem>();
  const scope = `code-${entry.code}`;
  const rename = (event: Event) => {
    event.preventDefault();
    const result = renameCode(config, entry.code, name === '' ? undefined : name);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(undefined);
    apply(result.config);
  };
  const remove = () => {
    const result = removeCode(config, entry.code);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    apply(result.config);
  };
  return (
    <tr data-code={entry.code}>
      <th scope="row">{entry.code}</th>
      <td>
        <form onSubmit={rename} noValidate class="inline">
          <label for={`${scope}-name`} class="visually-hidden">
            Name of code {entry.code}
          </label>
          <input
            id={`${scope}-name`}
            class="code-name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            {...invalidProps(scope, 'name', problem)}
          />{' '}
          <button type="submit">
            Rename<span class="visually-hidden"> code {entry.code}</span>
          </button>{' '}
          <button type="button" onClick={remove} {...invalidProps(scope, 'code', problem)}>
            Remove<span class="visually-hidden"> code {entry.code}</span>
          </button>
          <FieldMessage scope={scope} field="name" problem={problem} />
          <FieldMessage scope={scope} field="code" problem={problem} />
          <FormProblem fields={['name', 'code']} problem={problem} />
        </form>
      </td>
      <td class="scope">
        <span data-testid="scope-summary">{scopeSummary(entry)}</span>{' '}
        <button
          type="button"
          aria-expanded={editing}
          aria-controls={editing ? 'scope-editor' : undefined}
          onClick={onEdit}
        >
          Edit scope<span class="visually-hidden"> of code {entry.code}</span>
        </button>
      </td>
    </tr>
  );
}

/** A bad row's reason without the library's own `line 3: ` (the list says the line). */
function withoutLine(row: CsvRowProblem): string {
  const prefix = `line ${row.line}: `;
  return row.message.startsWith(prefix) ? row.message.slice(prefix.length) : row.message;
}

function ImportForm({ config, apply }: Props) {
  const [csv, setCsv] = useState('code,name\n');
  const [problem, setProblem] = useState<FieldProblem>();
  const [rows, setRows] = useState<readonly CsvRowProblem[]>([]);
  const [added, setAdded] = useState<number>();
  const scope = 'import';
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = importCodesCsv(config, csv);
    if (!result.ok) {
      setProblem(result.error);
      setRows(result.error.rows ?? []);
      setAdded(undefined);
      return;
    }
    setProblem(undefined);
    setRows([]);
    setAdded(result.report.added);
    apply(result.config);
  };
  const onFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    // A file that cannot be read leaves the text as it was; the import then says what is wrong.
    if (file !== undefined) setCsv(await file.text().catch(() => csv));
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Import codes from CSV">
      <p class="hint" id="csv-hint">
        A header row <code>code,name</code>, then one code per row. Optional columns give each code
        its scope: <code>callTypes</code> and <code>trunks</code> (each <code>;</code>-separated),{' '}
        <code>validFrom</code>, <code>validUntil</code> and <code>suspended</code>. All or nothing:
        if any row is bad, no code is added.
      </p>
      <FormProblem fields={['csv']} problem={problem} />
      <div class="field">
        <label for="csv-file">CSV file</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={onFile} />
      </div>
      <div class="field">
        <label for="csv">CSV text</label>
        <textarea
          id="csv"
          rows={6}
          cols={50}
          value={csv}
          onInput={(e) => setCsv(e.currentTarget.value)}
          aria-describedby={
            problem?.field === 'csv' ? `csv-hint ${scope}--csv--message` : 'csv-hint'
          }
          aria-invalid={problem?.field === 'csv' ? true : undefined}
        />
        {problem?.field === 'csv' && (
          <div
            class="error"
            id={`${scope}--csv--message`}
            data-field="csv"
            data-code={problem.code}
          >
            <p>{problem.message}</p>
            {rows.length > 0 && (
              <ul aria-label="Bad rows">
                {rows.map((row) => (
                  <li
                    key={`${row.line}:${row.reason}`}
                    data-line={row.line}
                    data-reason={row.reason}
                  >
                    Line {row.line}: {withoutLine(row)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <div class="buttons">
        <button type="submit">Import codes</button>
        {/* The same columns back, scopes included: importing the file into an account without codes gives this list. */}
        <button
          type="button"
          onClick={() => download('account-codes.csv', 'text/csv', exportCodesCsv(config))}
        >
          Export codes (CSV)
        </button>
      </div>
      {added !== undefined && (
        <Report>
          {added} code{added === 1 ? '' : 's'} imported.
        </Report>
      )}
    </form>
  );
}

/** Warnings about the codes, and the trunks' warnings that only a code's scope can answer. */
function codeWarnings(config: Config) {
  return [
    ...warningsAt(config, ['account', 'codes']),
    ...warningsAt(config, ['trunks']).filter(
      (w) => w.code === 'no-code-for-trunk' || w.code === 'no-code-for-call-type',
    ),
  ];
}

function CodesPage(props: Props) {
  const { config } = props;
  const [editing, setEditing] = useState<string>();
  const selected = config.account.codes.find((c) => c.code === editing);
  return (
    <>
      <section aria-labelledby="code-list-heading">
        <h3 id="code-list-heading">
          Codes ({config.account.codes.length}, {config.account.codeLength} digits each)
        </h3>
        <Warnings warnings={codeWarnings(config)} label="Warnings about the codes" />
        <table>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
            </tr>
          </thead>
          <tbody>
            {config.account.codes.map((entry) => (
              <CodeRow
                key={entry.code}
                {...props}
                entry={entry}
                editing={entry.code === editing}
                onEdit={() => setEditing(entry.code === editing ? undefined : entry.code)}
              />
            ))}
          </tbody>
        </table>
      </section>
      {selected !== undefined && (
        <section id="scope-editor" aria-labelledby="scope-heading">
          <h3 id="scope-heading">Scope of code {selected.code}</h3>
          <ScopeEditor key={selected.code} config={config} apply={props.apply} entry={selected} />
        </section>
      )}
      <section aria-labelledby="add-code-heading">
        <h3 id="add-code-heading">Add a code</h3>
        <AddCodeForm {...props} />
      </section>
      <section aria-labelledby="import-heading">
        <h3 id="import-heading">Import codes (CSV)</h3>
        <ImportForm {...props} />
      </section>
    </>
  );
}

export const codesPage: Page = {
  id: 'codes',
  title: 'Codes',
  needsConfig: true,
  component: CodesPage,
};
