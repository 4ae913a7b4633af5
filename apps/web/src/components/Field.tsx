/** One text input with its label above it, reporting its value as a plain string. */
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  /** left out where the screen's title already says what goes in (the TOTP and recovery codes) */
  label?: ReactNode;
  /** the rule the value must meet, shown under the input before it is broken */
  hint?: ReactNode;
  onChange: (value: string) => void;
  testid: string;
};

export function Field({ label, hint, onChange, testid, ...input }: FieldProps) {
  const hintId = useId();
  const control = (
    <input
      {...input}
      aria-describedby={hint === undefined ? input['aria-describedby'] : hintId}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testid}
    />
  );
  const hintLine =
    hint === undefined ? null : (
      <span className="field-hint" id={hintId} data-testid={`${testid}-hint`}>
        {hint}
      </span>
    );
  // the hint stays outside the label, so the input's name is the label alone
  const field =
    label === undefined ? (
      control
    ) : (
      <label>
        {label}
        {control}
      </label>
    );
  if (!hintLine) return field;
  return (
    <>
      {field}
      {hintLine}
    </>
  );
}
