// Why a quote could not be made, in words: the quote's own reasons (a client without a price type,
// an order of another client), else the desk's common error texts.
import type { TFunction } from 'i18next';

export function quoteRefusal(t: TFunction, e: unknown): string {
  const err = e as { code?: string; message?: string };
  return t(`quotes.refused.${err.message ?? ''}`, {
    defaultValue: t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }),
  });
}
