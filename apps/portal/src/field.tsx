import type { InputHTMLAttributes, ReactNode } from 'react';

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** A labelled input holding a string its caller keeps. */
export function Field({
  id,
  label,
  value,
  onChange,
  ...input
}: { id: string; label: ReactNode; value: string; onChange: (value: string) => void } & InputAttributes) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        {...input}
      />
    </>
  );
}
