/** The full-width button that ends a form; it is disabled, and may say so, while the form is busy. */
export function SubmitButton({
  label,
  busy,
  busyLabel = label,
  disabled = false,
  testid,
}: {
  label: string;
  busy: boolean;
  busyLabel?: string;
  /** a reason besides being busy not to submit yet */
  disabled?: boolean;
  testid: string;
}) {
  return (
    <button className="btn btn-block" disabled={busy || disabled} data-testid={testid}>
      {busy ? busyLabel : label}
    </button>
  );
}
