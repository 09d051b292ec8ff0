import { minorUnits } from '../../shared/format';

/** An amount typed in the currency's major unit (50.25), held as minor units once it reads as one. */
export function AmountInput({ label, currency, value, onChange }: { label: string; currency: string; value: string; onChange: (typed: string) => void }) {
  const invalid = value !== '' && minorUnits(value, currency) === null;
  return (
    <label>
      {label} ({currency})
      <input
        inputMode="decimal"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        aria-invalid={invalid}
        required
      />
      {invalid && <span className="field-error">Write an amount such as 50 or 50.25.</span>}
    </label>
  );
}
