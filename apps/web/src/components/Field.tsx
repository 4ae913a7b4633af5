/** One text input with its label above it, reporting its value as a plain string. */
import type { InputHTMLAttributes, ReactNode } from 'react';

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  /** left out where the screen's title already says what goes in (the TOTP and recovery codes) */
  label?: ReactNode;
  onChange: (value: string) => void;
  testid: string;
};

export function Field({ label, onChange, testid, ...input }: FieldProps) {
  const control = <input {...input} onChange={(e) => onChange(e.target.value)} data-testid={testid} />;
  if (label === undefined) return control;
  return (
    <label>
      {label}
      {control}
    </label>
  );
}
