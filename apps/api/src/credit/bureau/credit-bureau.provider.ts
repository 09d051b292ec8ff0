import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { CREDIT_BUREAU, type CreditBureau } from './credit-bureau.port';
import { HttpCreditBureau } from './http-credit-bureau';

/** The bureau CREDIT_BUREAU_URL names, or null: reports are then only recorded as sent to us. */
export const creditBureauProvider: Provider<CreditBureau | null> = {
  provide: CREDIT_BUREAU,
  useFactory: (config: AppConfig) => (config.creditBureau ? new HttpCreditBureau(config.creditBureau) : null),
  inject: [APP_CONFIG],
};
