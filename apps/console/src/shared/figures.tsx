import type { ReactNode } from 'react';

/** Labelled figures as a description list, each label with its value. */
export function Figures({ figures, className = 'figures' }: { figures: [label: string, value: ReactNode][]; className?: string }) {
  return (
    <dl className={className}>
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
