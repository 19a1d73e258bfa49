// A refusal in words: an error of the feature's own code carries the reason's code, translated
// under the feature's keys; any other error reads as the desk's common error texts.
import type { TFunction } from 'i18next';

export function refusalText(t: TFunction, e: unknown, code: string, keys: string): string {
  const err = e as { code?: string; message?: string };
  return err.code === code
    ? t(`${keys}.${err.message ?? ''}`)
    : t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' });
}
