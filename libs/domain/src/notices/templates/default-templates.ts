import type { NoticeTemplate } from '../notice-template';

/*
 * The shipped templates. Every message names `{{disclosure}}` (who it is from: 1006.18(e)) and every
 * e-mail and SMS `{{optOut}}` (how to stop them: 1006.6(e)); the renderer fills both in for the
 * creditor and channel, and the template spec renders each for every channel and language it exists in.
 * Raise a template's `version` whenever its text changes: a stored message names the version it was.
 */

const reminderEn = {
  subject: 'Payment reminder: {{amountDue}} due {{dueOn}}',
  body: [
    'Dear {{debtorName}},',
    '{{disclosure}}',
    'Invoice {{invoiceId}} for {{amountDue}} is due on {{dueOn}}. Your account ending in {{accountNumber}} has {{totalDue}} outstanding in all.',
    'To pay, or if you have a question, contact {{collectorName}}: {{collectorContact}}.',
    '{{timeBarredDisclosure}}',
  ],
};
const reminderEs = {
  subject: 'Recordatorio de pago: {{amountDue}} vence el {{dueOn}}',
  body: [
    'Estimado/a {{debtorName}}:',
    '{{disclosure}}',
    'La factura {{invoiceId}} por {{amountDue}} vence el {{dueOn}}. Su cuenta terminada en {{accountNumber}} tiene un saldo total de {{totalDue}}.',
    'Para pagar, o si tiene alguna pregunta, comuníquese con {{collectorName}}: {{collectorContact}}.',
    '{{timeBarredDisclosure}}',
  ],
};

const validationEn = {
  subject: 'Notice about a debt: {{collectorName}}',
  body: [
    '{{collectorName}}',
    '{{collectorAddress}}',
    '',
    'To: {{debtorName}}',
    '{{debtorAddress}}',
    'Reference: account ending in {{accountNumber}}',
    '',
    '{{disclosure}}',
    '',
    'Our information shows:',
    'You owe {{creditorName}} ({{creditorAddress}}) for the account ending in {{accountNumber}}.',
    'As of {{itemizationDate}}, you owed: {{amountOnItemizationDate}}',
    'Between {{itemizationDate}} and today:',
    '  You were charged this amount in interest: + {{interest}}',
    '  You were charged this amount in fees: + {{fees}}',
    '  You paid or were credited this amount toward the debt: - {{paymentsAndCredits}} (payments {{payments}}, credits {{credits}})',
    'Total amount of the debt now: {{currentAmount}}',
    '',
    'How can you dispute the debt?',
    '- Call or write to us by {{periodEndsOn}} to dispute all or part of the debt. If you do not, we will assume that our information is correct.',
    '- If you write to us by {{periodEndsOn}}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt.',
    'What else can you do?',
    '- Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by {{periodEndsOn}}, we must stop collection until we send you that information.',
    '- Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.',
    '- Contact us about your payment options. Póngase en contacto con nosotros para solicitar una copia de este formulario en español.',
    '{{timeBarredDisclosure}}',
  ],
};
/** The model form's tear-off "How do you want to respond?" part (1006.34(c)(4)), for a letter. */
const tearOffEn = [
  '- - - - - - - - - - - - - - - - - - - - (detach and mail this part) - - - - - - - - - - - - - - - - - - - -',
  'How do you want to respond? Mail this form to: {{collectorName}}, {{collectorAddress}}',
  'Reference: account ending in {{accountNumber}}. From: {{debtorName}}, {{debtorAddress}}',
  'Check all that apply:',
  'I want to dispute the debt because I think:',
  '[ ] This is not my debt.',
  '[ ] The amount is wrong.',
  '[ ] Other (please describe on reverse or attach additional information).',
  '[ ] I want you to send me the name and address of the original creditor.',
  '[ ] I enclosed this amount: ________',
];
/** The same prompts for an e-mail, where nothing can be torn off (1006.34(c)(4), comment 34(c)(4)-1). */
const promptsEn = [
  'How do you want to respond? Reply to this e-mail or write to {{collectorEmail}} (reference: account ending in {{accountNumber}}) and say:',
  '- I want to dispute the debt because I think: this is not my debt / the amount is wrong / other (tell us why);',
  '- I want you to send me the name and address of the original creditor;',
  '- or that you have paid, and how much.',
];
const validationEs = {
  subject: 'Aviso sobre una deuda: {{collectorName}}',
  body: [
    '{{collectorName}}',
    '{{collectorAddress}}',
    '',
    'Para: {{debtorName}}',
    '{{debtorAddress}}',
    'Referencia: cuenta terminada en {{accountNumber}}',
    '',
    '{{disclosure}}',
    '',
    'Nuestra información indica:',
    'Usted le debe a {{creditorName}} ({{creditorAddress}}) por la cuenta terminada en {{accountNumber}}.',
    'Al {{itemizationDate}}, usted debía: {{amountOnItemizationDate}}',
    'Entre el {{itemizationDate}} y hoy:',
    '  Se le cobró esta cantidad en intereses: + {{interest}}',
    '  Se le cobró esta cantidad en cargos: + {{fees}}',
    '  Usted pagó o se le acreditó esta cantidad a la deuda: - {{paymentsAndCredits}} (pagos {{payments}}, créditos {{credits}})',
    'Cantidad total de la deuda ahora: {{currentAmount}}',
    '',
    '¿Cómo puede disputar la deuda?',
    '- Llámenos o escríbanos a más tardar el {{periodEndsOn}} para disputar toda o parte de la deuda. Si no lo hace, asumiremos que nuestra información es correcta.',
    '- Si nos escribe a más tardar el {{periodEndsOn}}, debemos dejar de cobrar cualquier cantidad que usted dispute hasta que le enviemos información que demuestre que usted debe la deuda.',
    '¿Qué más puede hacer?',
    '- Escríbanos para pedir el nombre y la dirección del acreedor original, si es distinto del acreedor actual. Si nos escribe a más tardar el {{periodEndsOn}}, debemos dejar de cobrar hasta que le enviemos esa información.',
    '- Visite www.cfpb.gov/debt-collection para obtener más información sobre sus derechos según la ley federal.',
    '- Comuníquese con nosotros para conocer sus opciones de pago.',
    '{{timeBarredDisclosure}}',
  ],
};
const tearOffEs = [
  '- - - - - - - - - - - - - - - - - - - - (desprenda y envíe esta parte) - - - - - - - - - - - - - - - - - - - -',
  '¿Cómo desea responder? Envíe este formulario a: {{collectorName}}, {{collectorAddress}}',
  'Referencia: cuenta terminada en {{accountNumber}}. De: {{debtorName}}, {{debtorAddress}}',
  'Marque todas las opciones que correspondan:',
  'Quiero disputar la deuda porque creo que:',
  '[ ] Esta deuda no es mía.',
  '[ ] La cantidad es incorrecta.',
  '[ ] Otro motivo (descríbalo al dorso o adjunte información adicional).',
  '[ ] Quiero que me envíen el nombre y la dirección del acreedor original.',
  '[ ] Adjunto esta cantidad: ________',
];
const promptsEs = [
  '¿Cómo desea responder? Responda a este correo o escriba a {{collectorEmail}} (referencia: cuenta terminada en {{accountNumber}}) y díganos:',
  '- Quiero disputar la deuda porque creo que: esta deuda no es mía / la cantidad es incorrecta / otro motivo (explíquelo);',
  '- Quiero que me envíen el nombre y la dirección del acreedor original;',
  '- o que ya pagó, y cuánto.',
];

type Text = { subject: string; body: string[] };
type Variant = Pick<NoticeTemplate, 'channel' | 'language'> & Text;

/** One template per channel and language, sharing id, version, purpose and escalation. */
function family(id: string, version: number, purpose: string, variants: Variant[], escalation?: true): NoticeTemplate[] {
  return variants.map(({ channel, language, subject, body }) => ({
    id,
    version,
    channel,
    language,
    purpose,
    subject,
    body: body.join('\n'),
    ...(escalation && { escalation }),
  }));
}

/** E-mails invite the debtor to the portal by a signed link (a letter's reader could not type it). */
const portalInvitation: Record<string, string> = {
  en: 'See your account, pay, or choose a payment plan online: {{portalUrl}}',
  es: 'Consulte su cuenta, pague o elija un plan de pagos en línea: {{portalUrl}}',
};

/** `invites`: whether the e-mail invites the debtor to the portal (never for those `notInvitingPayment` names). */
const emailAndLetter = (language: string, text: Text, invites = true): Variant[] => [
  { channel: 'email', language, subject: text.subject, body: [...text.body, ...(invites ? [portalInvitation[language] ?? ''] : []), '{{optOut}}'] },
  { channel: 'letter', language, ...text },
];
const everyChannel = (language: string, text: Text, sms: string, invites = true): Variant[] => [
  ...emailAndLetter(language, text, invites),
  { channel: 'sms', language, subject: '', body: [`${sms} {{timeBarredDisclosure}}`] },
];

const closing = ['Questions? Contact {{collectorName}}: {{collectorContact}}.', '{{timeBarredDisclosure}}'];

export const defaultTemplates: readonly NoticeTemplate[] = [
  ...family('payment-reminder', 1, 'A reminder that an invoice is due or past due (a strategy step).', [
    ...emailAndLetter('en', reminderEn),
    ...emailAndLetter('es', reminderEs),
  ]),
  ...family('payment-reminder-sms', 1, 'A short reminder by text that an invoice is due (a strategy step).', [
    {
      channel: 'sms',
      language: 'en',
      subject: '',
      body: ['{{disclosure}} Invoice {{invoiceId}}: {{amountDue}} due {{dueOn}}. Questions: {{collectorPhone}}. {{optOut}} {{timeBarredDisclosure}}'],
    },
    {
      channel: 'sms',
      language: 'es',
      subject: '',
      body: ['{{disclosure}} Factura {{invoiceId}}: {{amountDue}} vence el {{dueOn}}. Preguntas: {{collectorPhone}}. {{optOut}} {{timeBarredDisclosure}}'],
    },
  ]),
  ...family('past-due-sms', 1, 'A short note by text that an invoice is past due (a strategy step).', [
    {
      channel: 'sms',
      language: 'en',
      subject: '',
      body: [
        '{{disclosure}} Invoice {{invoiceId}} ({{amountDue}}) was due {{dueOn}}. To talk about it: {{collectorPhone}}. {{optOut}} {{timeBarredDisclosure}}',
      ],
    },
    {
      channel: 'sms',
      language: 'es',
      subject: '',
      body: [
        '{{disclosure}} La factura {{invoiceId}} ({{amountDue}}) venció el {{dueOn}}. Para hablar de ella: {{collectorPhone}}. {{optOut}} {{timeBarredDisclosure}}',
      ],
    },
  ]),
  ...family(
    'final-notice',
    1,
    'The last reminder before the account is escalated (placed with an agency or reviewed for legal action): an escalation, never sent during the validation period.',
    [
      ...emailAndLetter('en', {
        subject: 'Final notice: invoice {{invoiceId}}',
        body: [
          'Dear {{debtorName}},',
          '{{disclosure}}',
          'Invoice {{invoiceId}} ({{amountDue}}, due {{dueOn}}) remains unpaid. This is our final notice before further action on your account ending in {{accountNumber}}.',
          ...closing,
        ],
      }),
      ...emailAndLetter('es', {
        subject: 'Aviso final: factura {{invoiceId}}',
        body: [
          'Estimado/a {{debtorName}}:',
          '{{disclosure}}',
          'La factura {{invoiceId}} ({{amountDue}}, vencida el {{dueOn}}) sigue sin pagar. Este es nuestro aviso final antes de tomar otras medidas sobre su cuenta terminada en {{accountNumber}}.',
          '¿Preguntas? Comuníquese con {{collectorName}}: {{collectorContact}}.',
          '{{timeBarredDisclosure}}',
        ],
      }),
    ],
    true,
  ),
  ...family('validation-notice', 1, 'The validation notice (12 CFR 1006.34): the debt, its itemization and the debtor’s rights, by letter or e-mail only.', [
    { channel: 'letter', language: 'en', subject: validationEn.subject, body: [...validationEn.body, '', ...tearOffEn] },
    { channel: 'email', language: 'en', subject: validationEn.subject, body: [...validationEn.body, '', ...promptsEn, '{{optOut}}'] },
    { channel: 'letter', language: 'es', subject: validationEs.subject, body: [...validationEs.body, '', ...tearOffEs] },
    { channel: 'email', language: 'es', subject: validationEs.subject, body: [...validationEs.body, '', ...promptsEs, '{{optOut}}'] },
  ]),
  ...family('efforts-terminated', 2, 'After a cease request: that further collection efforts are being terminated (1006.6(c)(2)(i)).', [
    ...emailAndLetter(
      'en',
      {
        subject: 'We have stopped collection efforts',
        body: [
          'Dear {{debtorName}},',
          '{{disclosure}}',
          'As you asked, we are terminating further efforts to collect the account ending in {{accountNumber}}.',
          ...closing,
        ],
      },
      false,
    ),
  ]),
  ...family(
    'remedy-notice',
    2,
    'After a cease request: that a remedy the creditor or collector ordinarily invokes may be, or will be, invoked (1006.6(c)(2)(ii), (iii)); it names an action, so it is an escalation.',
    [
      ...emailAndLetter(
        'en',
        {
          subject: 'About your account ending in {{accountNumber}}',
          body: [
            'Dear {{debtorName}},',
            '{{disclosure}}',
            'We are writing, as the law allows after you asked us to stop, about the account ending in {{accountNumber}} ({{totalDue}} outstanding): {{remedy}}',
            ...closing,
          ],
        },
        false,
      ),
    ],
    true,
  ),
  ...family('blocked-medium-reply', 1, 'A reply, once, by a medium the debtor asked us not to use, to a request they made by it (1006.14(h)(2)).', [
    ...everyChannel(
      'en',
      {
        subject: 'Our reply to your request',
        body: [
          'Dear {{debtorName}},',
          '{{disclosure}}',
          'You asked us something by this medium; we are answering once, as the law allows. We will not use it again.',
          ...closing,
        ],
      },
      '{{disclosure}} Replying once to your request, as the law allows; we will not text again. Questions: {{collectorPhone}}. {{optOut}} {{timeBarredDisclosure}}',
    ),
  ]),
  ...family('original-creditor', 1, 'The original creditor’s name and address, as the debtor asked (1006.38(c)).', [
    ...emailAndLetter('en', {
      subject: 'The original creditor of your account',
      body: [
        'Dear {{debtorName}},',
        '{{disclosure}}',
        'You asked for the name and address of the original creditor of the account ending in {{accountNumber}}:',
        '{{originalCreditorName}}',
        '{{originalCreditorAddress}}',
        ...closing,
      ],
    }),
  ]),
  ...family('resolution-confirmation', 2, 'Thanks, and confirmation that the account is resolved (paid in full, settled, or its plan completed).', [
    ...everyChannel(
      'en',
      {
        subject: 'Your account ending in {{accountNumber}} is resolved',
        body: [
          'Dear {{debtorName}},',
          '{{disclosure}}',
          'Thank you. Your account ending in {{accountNumber}} is resolved: nothing more is owed on it.',
          ...closing,
        ],
      },
      '{{disclosure}} Thank you: your account ending in {{accountNumber}} is resolved. {{optOut}}',
      false,
    ),
  ]),
  // Included by other templates as {{timeBarredDisclosure}} where the state requires it (1006.26).
  ...family('time-barred-disclosure', 1, 'A paragraph, not a message: that the debt is too old to be sued on, where the state requires saying so.', [
    {
      channel: 'email',
      language: 'en',
      subject: '',
      body: ['The law limits how long you can be sued on a debt. Because of the age of your debt, {{creditorName}} cannot sue you for it.'],
    },
    {
      channel: 'letter',
      language: 'en',
      subject: '',
      body: ['The law limits how long you can be sued on a debt. Because of the age of your debt, {{creditorName}} cannot sue you for it.'],
    },
    { channel: 'sms', language: 'en', subject: '', body: ['Because of its age, you cannot be sued on this debt.'] },
    {
      channel: 'email',
      language: 'es',
      subject: '',
      body: [
        'La ley limita el tiempo durante el cual se le puede demandar por una deuda. Por la antigüedad de su deuda, {{creditorName}} no puede demandarle.',
      ],
    },
    {
      channel: 'letter',
      language: 'es',
      subject: '',
      body: [
        'La ley limita el tiempo durante el cual se le puede demandar por una deuda. Por la antigüedad de su deuda, {{creditorName}} no puede demandarle.',
      ],
    },
    { channel: 'sms', language: 'es', subject: '', body: ['Por su antigüedad, no se le puede demandar por esta deuda.'] },
  ]),
];
