/**
 * A labelled choice among known values: what the user picks is one of `options`, found among them
 * rather than asserted, and shown as `describe` says (the value itself by default).
 */
export function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
  describe = (option) => option,
  disabled = false,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  describe?: (option: T) => string;
  disabled?: boolean;
}) {
  return (
    <label>
      {label}
      <select
        value={value}
        disabled={disabled}
        onChange={(e) => {
          const picked = options.find((option) => option === e.target.value);
          if (picked !== undefined) onChange(picked);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {describe(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
