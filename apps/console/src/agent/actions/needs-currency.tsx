import type { ReactElement } from 'react';
import type { ActionProps } from './action-props';

/** What a form recording an amount gets besides the account: the account's currency. */
export interface AmountProps extends ActionProps {
  currency: string;
}

/**
 * A form recording an amount, shown once the account has a currency: its first invoice or payment fixes
 * it, and before either nothing is owed to promise or plan.
 */
export function needsCurrency(Form: (props: AmountProps) => ReactElement) {
  return function InCurrency(props: ActionProps) {
    const { currency } = props.account;
    if (currency === null) return <p className="muted">Nothing is owed yet: no invoice or payment has fixed the account's currency.</p>;
    return <Form {...props} currency={currency} />;
  };
}
