/**
 * A number field's value as the library should see it: a number when the
 * text is one, otherwise the text itself, so the library's own check names
 * the field and the allowed range (the operations check their arguments at
 * run time because they come from forms like this one).
 */
export function numberOrText(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return (trimmed === '' || Number.isNaN(value) ? trimmed : value) as number;
}
