/**
 * Where the library's errors land: next to the field their path names. An
 * operation's error carries `field` (such as `settings.validateCodes`); each
 * form declares the fields it shows, and an error naming none of them is shown
 * at the top of the form instead, so no error is ever dropped.
 */
import type { JsonPath } from 'account-codes';
import type { ComponentChildren } from 'preact';
import { friendly } from './labels.js';

/** One error from the library, reduced to what the page shows. */
export interface FieldProblem {
  /** The library's path of the field, such as `settings.validateCodes` or `name`. */
  readonly field: string;
  /** The library's stable code, shown for support and tests. */
  readonly code: string;
  /** The library's sentence. */
  readonly message: string;
}

/** A DOM id for a field's message: the form's scope plus the library's field path. */
export function messageId(scope: string, field: string): string {
  return `${scope}--${field.replace(/[^A-Za-z0-9_-]/g, '_')}--message`;
}

/** The ARIA wiring of a control whose field may carry the problem; `hint` describes it otherwise. */
export function invalidProps(
  scope: string,
  field: string,
  problem: FieldProblem | undefined,
  hint?: string,
): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  if (problem?.field === field) {
    return { 'aria-invalid': true, 'aria-describedby': messageId(scope, field) };
  }
  return hint === undefined ? {} : { 'aria-describedby': hint };
}

/** The problem's message, when it names this field. */
export function FieldMessage(props: {
  scope: string;
  field: string;
  problem: FieldProblem | undefined;
}) {
  const { scope, field, problem } = props;
  if (problem?.field !== field) return null;
  return (
    <p class="error" id={messageId(scope, field)} data-field={field} data-code={problem.code}>
      {problem.message}
    </p>
  );
}

/** The problem, when it names none of the form's own fields. */
export function FormProblem(props: {
  fields: readonly string[];
  problem: FieldProblem | undefined;
}) {
  const { fields, problem } = props;
  if (problem === undefined || fields.includes(problem.field)) return null;
  return (
    <p class="error" role="alert" data-field={problem.field} data-code={problem.code}>
      {problem.message}
    </p>
  );
}

/**
 * A list of warnings (valid, but worth a second look), each with its stable
 * code, in the page's words (labels.ts).
 */
export function Warnings(props: {
  warnings: readonly {
    readonly code: string;
    readonly message: string;
    readonly path?: JsonPath;
  }[];
  label?: string;
}) {
  if (props.warnings.length === 0) return null;
  return (
    <ul class="warnings" aria-label={props.label ?? 'Warnings'}>
      {props.warnings.map((warning) => (
        <li key={`${warning.code}:${warning.message}`} data-code={warning.code}>
          <span aria-hidden="true">⚠ </span>
          {friendly(warning.message, warning.path)}
        </li>
      ))}
    </ul>
  );
}

/** A short success message, announced to screen readers. */
export function Report(props: { children: ComponentChildren }) {
  return (
    <div class="report" role="status">
      {props.children}
    </div>
  );
}
