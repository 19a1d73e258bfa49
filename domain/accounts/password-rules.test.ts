import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';

describe('password rules', () => {
  it('takes a long enough password of the user’s own', () => {
    expect(passwordProblem('зелёный-трактор-42', 'manager1')).toBeNull();
    expect(passwordProblem('Kx9#mPq2vL', 'ivanov')).toBeNull();
  });
  it('refuses short ones, counting characters, not bytes', () => {
    expect(passwordProblem('short1', 'ivanov')).toBe('too_short');
    expect(passwordProblem('ёёёжжжзззи', 'ivanov')).toBeNull();
    expect(passwordProblem('x'.repeat(257), 'ivanov')).toBe('too_long');
  });
  it('refuses the login, inside or in other case', () => {
    expect(passwordProblem('Manager1-secret', 'manager1')).toBe('contains_login');
    expect(passwordProblem('my-IVANOV-2026', 'ivanov')).toBe('contains_login');
  });
  it('refuses the common ones, with a digit or two added, and one character repeated', () => {
    expect(passwordProblem('Password123', 'ivanov')).toBe('common');
    expect(passwordProblem('qwertyuiop1', 'ivanov')).toBe('common');
    expect(passwordProblem('ЙЦУКЕНГШЩЗ', 'ivanov')).toBe('common');
    expect(passwordProblem('aaaaaaaaaaaa', 'ivanov')).toBe('common');
    expect(passwordProblem('abababababab', 'ivanov')).toBe('common');
  });
});
