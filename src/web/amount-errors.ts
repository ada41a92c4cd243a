import { type AmountProblem, exponentOf } from '../domain/money.js';
import type { MessageKey } from './messages.js';

/** The message for an amount a person typed that `readAmount` refused (the examples follow the reader's language). */
export function amountErrorKey(reason: AmountProblem, currency: string): MessageKey {
  switch (reason) {
    case 'negative':
      return 'amount.error.negative';
    case 'ambiguous':
      return 'amount.error.ambiguous';
    case 'too-large':
      return 'amount.error.tooLarge';
    case 'too-many-decimals': {
      const exp = exponentOf(currency);
      return exp === 0 ? 'amount.error.decimals0' : exp === 3 ? 'amount.error.decimals3' : 'amount.error.decimals2';
    }
    default:
      return 'amount.error.invalid';
  }
}
