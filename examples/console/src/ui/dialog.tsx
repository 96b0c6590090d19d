/**
 * A modal question with a fixed set of answers, on the native <dialog>: it
 * traps focus and closes on Escape (answered as `cancel`). Focus starts on
 * the first answer and goes back to whatever had it before.
 */
import { useId, useLayoutEffect, useRef } from 'preact/hooks';

/** One button of the dialogue. */
export interface Answer<A extends string> {
  readonly value: A;
  readonly label: string;
}

export function QuestionDialog<A extends string>(props: {
  /** Shown while true. */
  open: boolean;
  /** The question, as the dialogue's accessible name. */
  title: string;
  /** What the answers do. */
  detail: string;
  answers: readonly Answer<A>[];
  onAnswer: (answer: A | 'cancel') => void;
}) {
  const { open, title, detail, answers, onAnswer } = props;
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);

  // A layout effect opens the dialogue in the same task as the render, so a
  // key pressed straight after the click (Escape) reaches the open dialogue.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-detail`}
      onCancel={(event) => {
        event.preventDefault();
        onAnswer('cancel');
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-detail`}>{detail}</p>
      <div class="buttons">
        {answers.map((answer, index) => (
          <button
            type="button"
            key={answer.value}
            autofocus={index === 0}
            onClick={() => onAnswer(answer.value)}
          >
            {answer.label}
          </button>
        ))}
        <button type="button" onClick={() => onAnswer('cancel')}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
