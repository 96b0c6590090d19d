/**
 * The console's frame: navigation (hash routes, so the browser's back button
 * and bookmarks work), import and export of the config file, and the state,
 * persisted on every change.
 */
import type { Config, ConfigIssue } from 'account-codes';
import { formatPath } from 'account-codes';
import { useEffect, useRef, useState } from 'preact/hooks';
import { consoleLedger } from './ledger.js';
import type { Page } from './pages/page.js';
import { PAGES } from './pages.js';
import {
  browserStorage,
  type ConsoleState,
  configText,
  exampleConfig,
  loadState,
  readConfigText,
  saveState,
} from './store.js';
import { QuestionDialog } from './ui/dialog.js';
import { download } from './ui/download.js';

/** What replaces the current configuration, once the administrator confirms. */
const REPLACEMENTS = {
  example: { label: 'Load the example account', with: 'the example account' },
  new: { label: 'Start a new account', with: 'a new account, with account codes not yet enabled' },
} as const;
type Replacement = keyof typeof REPLACEMENTS;

function pageFromHash(hash: string): Page {
  const id = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.id === id) ?? (PAGES[0] as Page);
}

export function App() {
  const [initial] = useState(() => loadState(browserStorage()));
  const [ledger] = useState(() => consoleLedger(browserStorage()));
  const [state, setState] = useState<ConsoleState>(initial.state);
  const [notice, setNotice] = useState<string | undefined>(initial.notice);
  const [importIssues, setImportIssues] = useState<readonly ConfigIssue[]>([]);
  const [page, setPage] = useState<Page>(() => pageFromHash(window.location.hash));
  const [replacing, setReplacing] = useState<Replacement>();
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    const onHash = () => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    // A link followed between the first render and this effect changed the hash unheard.
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Moving to another page moves focus to its heading, so keyboard and screen-reader users follow.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [page]);

  const update = (next: ConsoleState, message?: string) => {
    setState(next);
    saveState(browserStorage(), next);
    setNotice(message);
  };
  const apply = (config: Config) => update({ config });

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (file === undefined) return;
    const text = await file.text().catch((error: unknown) => error);
    input.value = '';
    if (typeof text !== 'string') {
      setImportIssues([
        {
          code: 'invalid-value',
          path: [],
          message: `${file.name} could not be read: ${String(text)}`,
        },
      ]);
      return;
    }
    const read = readConfigText(text);
    if (read.ok) {
      setImportIssues([]);
      update({ config: read.config }, `Imported ${file.name}.`);
    } else {
      setImportIssues(read.issues);
    }
  };
  const onExport = () => {
    if (state.config === undefined) return;
    download('account-codes.json', 'application/json', configText(state.config));
  };

  const config = state.config;
  return (
    <>
      <header>
        <h1>Account codes console</h1>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === page.id ? 'page' : undefined}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section class="file" aria-label="Configuration file">
          <label class="button">
            Import config file
            <input
              type="file"
              accept=".json,application/json"
              class="visually-hidden"
              onChange={onImport}
              aria-describedby={importIssues.length > 0 ? 'import-issues' : undefined}
            />
          </label>
          <button type="button" onClick={onExport} disabled={config === undefined}>
            Export config file
          </button>
          {(Object.keys(REPLACEMENTS) as Replacement[]).map((name) => (
            <button type="button" key={name} onClick={() => setReplacing(name)}>
              {REPLACEMENTS[name].label}
            </button>
          ))}
        </section>
        {importIssues.length > 0 && (
          <div class="error" id="import-issues" role="alert">
            <p>The file was not imported; nothing changed:</p>
            <ul>
              {importIssues.map((issue) => (
                <li key={`${formatPath(issue.path)}:${issue.code}`} data-code={issue.code}>
                  {/* The library's message names its path already; say it once. */}
                  {issue.message.startsWith(formatPath(issue.path)) ? (
                    issue.message
                  ) : (
                    <>
                      <code>{formatPath(issue.path)}</code>: {issue.message}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {notice !== undefined && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <QuestionDialog
          open={replacing !== undefined}
          title="Replace the current configuration?"
          detail={`It is replaced with ${replacing === undefined ? '' : REPLACEMENTS[replacing].with}. Export the config file first to keep it.`}
          answers={[{ value: 'replace', label: 'Replace' }]}
          onAnswer={(answer) => {
            setReplacing(undefined);
            if (answer === 'cancel' || replacing === undefined) return;
            update(
              { config: replacing === 'example' ? exampleConfig() : undefined },
              `${REPLACEMENTS[replacing].label}: done.`,
            );
          }}
        />
      </header>
      <main data-page={page.id}>
        <h2 ref={heading} tabIndex={-1}>
          {page.title}
        </h2>
        {page.needsConfig ? (
          config === undefined ? (
            <p>
              Account codes are not enabled on this account yet: enable them on the{' '}
              <a href="#/account">Account Codes</a> page first.
            </p>
          ) : (
            <page.component key={page.id} config={config} apply={apply} ledger={ledger} />
          )
        ) : (
          <page.component key={page.id} config={config} apply={apply} ledger={ledger} />
        )}
      </main>
    </>
  );
}
