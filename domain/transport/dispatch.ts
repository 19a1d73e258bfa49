// The one entry every transport goes through: look the method up, parse its input with the
// contract's schema, run the handler, and turn whatever happens into a Result value.
// A bad input or an unknown method is an error value, never a crash or a hang.
import { deskMethods, type DeskHandlers, type MethodName } from '../contract';
import { CodedError, type Result } from '../errors';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(deskMethods, name);
}

export function createDispatch(
  handlers: DeskHandlers,
  onInternalError?: (err: unknown, method: string) => void,
): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method))
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method: ${String(method)}` } };
    const parsed = deskMethods[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.join('.') || 'input';
      return { ok: false, error: { code: 'bad_input', message: `${where}: ${first?.message ?? 'invalid'}` } };
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof CodedError) return { ok: false, error: { code: err.code, message: err.message } };
      onInternalError?.(err, method);
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}
