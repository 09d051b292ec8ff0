/**
 * The kinds of debt a state's statute of limitations tells apart. Four, because the state statutes
 * (and the compilations of them regulators and courts use) sort consumer debts into these four: a
 * signed written contract (an installment loan, a service contract), an oral contract, a promissory
 * note (negotiable instruments often have their own period, UCC 3-118), and an open account — a
 * running account of charges and payments, which is how most states treat a credit card or a
 * customer's account with a seller of goods or services.
 */
export const debtTypes = ['written_contract', 'oral_contract', 'promissory_note', 'open_account'] as const;
export type DebtType = (typeof debtTypes)[number];

/**
 * The debt type of an account opened without one. Invoices on a running customer account are an
 * open account in most states, and its period is never longer than the written contract's in the
 * table below, so the default errs towards calling a debt time-barred early (the safe side of
 * 12 CFR 1006.26(b)) rather than late.
 */
export const defaultDebtType: DebtType = 'open_account';

/** One state's rule: the periods, where they come from, and what is uncertain about them. */
export interface StateLimitations {
  /** Years within which an action on the debt must be brought, per debt type. */
  years: Record<DebtType, number>;
  /** The statutes the periods come from. */
  source: string;
  /**
   * Whether a part payment made before the period runs out starts it again (a part payment is an
   * acknowledgment of the debt at common law). False where a statute requires a signed writing or
   * says a payment does not extend the period — and where unsure, since restarting is the side that
   * could let a barred debt be sued on. A payment after the period never revives a debt here.
   */
  paymentRestarts: boolean;
  /** Where the state requires a disclosure that the debt is time-barred, the rule that does. */
  disclosure?: string;
  /** What is unsure or contested about the row: check these first. */
  note?: string;
}

/** Columns of `years(…)`: written contract, oral contract, promissory note, open account. */
const years = (written: number, oral: number, note: number, open: number): Record<DebtType, number> => ({
  written_contract: written,
  oral_contract: oral,
  promissory_note: note,
  open_account: open,
});

const compilationsDiffer = 'Compilations of state periods disagree on this row; verify against the statute before relying on it.';

/**
 * Statutes of limitations for consumer debts, per state (ISO 3166-2) and debt type. The periods are
 * those of the general civil statutes as compiled from the cited sections; they are not legal advice,
 * and a creditor's counsel should confirm each row it relies on. A row is corrected here, in one place:
 * every rule that reads it (legal escalation refused, the disclosure, the read model) follows.
 */
export const statutesOfLimitations: Record<string, StateLimitations> = {
  'US-AL': { years: years(6, 6, 6, 3), source: 'Ala. Code §§ 6-2-34, 6-2-37', paymentRestarts: true },
  'US-AK': { years: years(3, 3, 3, 3), source: 'Alaska Stat. § 09.10.053', paymentRestarts: true, note: 'Negotiable notes may be 6 years (AS 45.03.118).' },
  'US-AZ': {
    years: years(6, 3, 6, 3),
    source: 'Ariz. Rev. Stat. §§ 12-543, 12-548',
    paymentRestarts: false,
    note: 'A.R.S. 12-508 requires a signed written acknowledgment; whether a part payment restarts is unsettled.',
  },
  'US-AR': { years: years(5, 3, 5, 3), source: 'Ark. Code §§ 16-56-105, 16-56-111', paymentRestarts: true, note: compilationsDiffer },
  'US-CA': {
    years: years(4, 2, 4, 4),
    source: 'Cal. Code Civ. Proc. §§ 337, 339',
    paymentRestarts: false,
    disclosure: 'Cal. Civ. Code § 1788.14(d)',
    note: 'CCP 360: a payment restarts the period on a promissory note only; a signed writing is needed otherwise.',
  },
  'US-CO': {
    years: years(6, 6, 6, 6),
    source: 'Colo. Rev. Stat. §§ 13-80-101, 13-80-103.5',
    paymentRestarts: true,
    note: `6 years for a liquidated debt (13-80-103.5). ${compilationsDiffer}`,
  },
  'US-CT': {
    years: years(6, 3, 6, 6),
    source: 'Conn. Gen. Stat. §§ 52-576, 52-581',
    paymentRestarts: true,
    disclosure: 'Conn. Gen. Stat. § 36a-805(a)(14)',
    note: `Disclosure citation unverified. ${compilationsDiffer}`,
  },
  'US-DE': { years: years(3, 3, 3, 3), source: '10 Del. C. § 8106', paymentRestarts: true, note: 'Sales of goods 4 years (6 Del. C. § 2-725).' },
  'US-DC': { years: years(3, 3, 3, 3), source: 'D.C. Code § 12-301(7)', paymentRestarts: true },
  'US-FL': { years: years(5, 4, 5, 4), source: 'Fla. Stat. § 95.11(2)(b), (3)', paymentRestarts: true },
  'US-GA': { years: years(6, 4, 6, 4), source: 'O.C.G.A. §§ 9-3-24, 9-3-25', paymentRestarts: true, note: compilationsDiffer },
  'US-HI': { years: years(6, 6, 6, 6), source: 'Haw. Rev. Stat. § 657-1', paymentRestarts: true },
  'US-ID': { years: years(5, 4, 5, 4), source: 'Idaho Code §§ 5-216, 5-217', paymentRestarts: true },
  'US-IL': { years: years(10, 5, 10, 5), source: '735 ILCS 5/13-205, 5/13-206', paymentRestarts: true },
  'US-IN': {
    years: years(6, 6, 6, 6),
    source: 'Ind. Code §§ 34-11-2-7, 34-11-2-9',
    paymentRestarts: true,
    note: 'Other written contracts 10 years (34-11-2-11).',
  },
  'US-IA': { years: years(10, 5, 10, 5), source: 'Iowa Code § 614.1(4), (5)', paymentRestarts: true },
  'US-KS': { years: years(5, 3, 5, 3), source: 'Kan. Stat. §§ 60-511, 60-512', paymentRestarts: true },
  'US-KY': {
    years: years(10, 5, 10, 5),
    source: 'Ky. Rev. Stat. §§ 413.090, 413.120',
    paymentRestarts: true,
    note: 'Written contracts made before 2014-07-15 have 15 years (413.090(2)); the table takes the current 10.',
  },
  'US-LA': { years: years(10, 10, 5, 3), source: 'La. Civ. Code arts. 3494, 3498, 3499', paymentRestarts: true, note: 'Open accounts 3 years (art. 3494).' },
  'US-ME': { years: years(6, 6, 6, 6), source: '14 M.R.S. § 752', paymentRestarts: true },
  'US-MD': { years: years(3, 3, 6, 3), source: 'Md. Code, Cts. & Jud. Proc. §§ 5-101, 5-102', paymentRestarts: true },
  'US-MA': {
    years: years(6, 6, 6, 6),
    source: 'Mass. Gen. Laws ch. 260, § 2',
    paymentRestarts: true,
    disclosure: '940 CMR 7.07(24)',
    note: 'Check for later consumer-debt legislation shortening the period.',
  },
  'US-MI': { years: years(6, 6, 6, 6), source: 'Mich. Comp. Laws § 600.5807', paymentRestarts: true },
  'US-MN': { years: years(6, 6, 6, 6), source: 'Minn. Stat. § 541.05', paymentRestarts: true },
  'US-MS': {
    years: years(3, 3, 3, 3),
    source: 'Miss. Code §§ 15-1-29, 15-1-49',
    paymentRestarts: false,
    note: 'Miss. Code 15-1-73 requires a written acknowledgment; part payment unsettled.',
  },
  'US-MO': { years: years(10, 5, 10, 5), source: 'Mo. Rev. Stat. §§ 516.110, 516.120', paymentRestarts: true },
  'US-MT': { years: years(8, 5, 8, 5), source: 'Mont. Code § 27-2-202', paymentRestarts: true },
  'US-NE': { years: years(5, 4, 5, 4), source: 'Neb. Rev. Stat. §§ 25-205, 25-206', paymentRestarts: true },
  'US-NV': { years: years(6, 4, 6, 4), source: 'Nev. Rev. Stat. § 11.190', paymentRestarts: true },
  'US-NH': { years: years(3, 3, 6, 3), source: 'N.H. Rev. Stat. § 508:4', paymentRestarts: true, note: 'Notes 6 years under RSA 382-A:3-118.' },
  'US-NJ': { years: years(6, 6, 6, 6), source: 'N.J. Stat. § 2A:14-1', paymentRestarts: true },
  'US-NM': { years: years(6, 4, 6, 4), source: 'N.M. Stat. §§ 37-1-3, 37-1-4', paymentRestarts: true, disclosure: '12.2.12 NMAC (time-barred debt rule)' },
  'US-NY': {
    years: years(3, 3, 3, 3),
    source: 'N.Y. CPLR 214-i (Consumer Credit Fairness Act); CPLR 213(2) for other contracts (6 years)',
    paymentRestarts: false,
    disclosure: '23 NYCRR 1.3',
    note: 'CPLR 214-i: 3 years for consumer credit transactions, and no payment revives or extends it; a non-credit debt may have 6 years (CPLR 213).',
  },
  'US-NC': {
    years: years(3, 3, 5, 3),
    source: 'N.C. Gen. Stat. §§ 1-52(1), 1-47',
    paymentRestarts: true,
    disclosure: 'N.C. Gen. Stat. § 58-70-115',
    note: 'Disclosure rule applies to debt buyers; citation unverified.',
  },
  'US-ND': { years: years(6, 6, 6, 6), source: 'N.D. Cent. Code § 28-01-16', paymentRestarts: true },
  'US-OH': {
    years: years(6, 4, 6, 4),
    source: 'Ohio Rev. Code §§ 2305.06, 2305.07 (as amended 2021, S.B. 13)',
    paymentRestarts: true,
    note: compilationsDiffer,
  },
  'US-OK': { years: years(5, 3, 5, 3), source: 'Okla. Stat. tit. 12, § 95(A)(1), (2)', paymentRestarts: true },
  'US-OR': { years: years(6, 6, 6, 6), source: 'Or. Rev. Stat. § 12.080', paymentRestarts: true },
  'US-PA': { years: years(4, 4, 4, 4), source: '42 Pa. Cons. Stat. § 5525', paymentRestarts: true },
  'US-RI': { years: years(10, 10, 10, 10), source: 'R.I. Gen. Laws § 9-1-13', paymentRestarts: true },
  'US-SC': { years: years(3, 3, 3, 3), source: 'S.C. Code § 15-3-530', paymentRestarts: true },
  'US-SD': { years: years(6, 6, 6, 6), source: 'S.D. Codified Laws § 15-2-13', paymentRestarts: true },
  'US-TN': { years: years(6, 6, 6, 6), source: 'Tenn. Code § 28-3-109', paymentRestarts: true },
  'US-TX': {
    years: years(4, 4, 4, 4),
    source: 'Tex. Civ. Prac. & Rem. Code §§ 16.004, 16.051',
    paymentRestarts: false,
    disclosure: 'Tex. Fin. Code § 392.307',
    note: 'CPRC 16.065 requires a signed written acknowledgment; Fin. Code 392.307 (debt buyers) says a payment does not revive or extend the period.',
  },
  'US-UT': { years: years(6, 4, 6, 4), source: 'Utah Code §§ 78B-2-307, 78B-2-309', paymentRestarts: true },
  'US-VT': { years: years(6, 6, 6, 6), source: '12 V.S.A. § 511', paymentRestarts: true },
  'US-VA': { years: years(5, 3, 6, 3), source: 'Va. Code §§ 8.01-246, 8.3A-118', paymentRestarts: true },
  'US-WA': {
    years: years(6, 3, 6, 6),
    source: 'Rev. Code Wash. §§ 4.16.040, 4.16.080',
    paymentRestarts: true,
    note: 'Accounts receivable 6 years (4.16.040(2)); an open account without a writing may be 3.',
  },
  'US-WV': {
    years: years(10, 5, 10, 5),
    source: 'W. Va. Code § 55-2-6',
    paymentRestarts: true,
    disclosure: 'W. Va. Code § 46A-2-128(f)',
    note: 'Disclosure citation unverified.',
  },
  'US-WI': {
    years: years(6, 6, 6, 6),
    source: 'Wis. Stat. § 893.43',
    paymentRestarts: true,
    note: 'Wis. Stat. 893.05: once the period runs, the right is extinguished.',
  },
  'US-WY': { years: years(10, 8, 10, 8), source: 'Wyo. Stat. § 1-3-105(a)', paymentRestarts: true },
};
