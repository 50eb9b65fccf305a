import { describe, expect, it } from 'vitest';
import { credentialsFromSecret } from './git-credentials.ts';

describe('credentialsFromSecret', () => {
  it('reads a user and password, a token object, or a bare token', () => {
    expect(credentialsFromSecret('{"username":"bot","password":"pw"}')).toEqual({
      username: 'bot',
      password: 'pw',
    });
    expect(credentialsFromSecret('{"token":"ghp_abc"}')).toEqual({ token: 'ghp_abc' });
    expect(credentialsFromSecret(' glpat-xyz\n')).toEqual({ token: 'glpat-xyz' });
  });

  it('refuses a JSON secret with neither form', () => {
    expect(() => credentialsFromSecret('{"user":"bot"}')).toThrow(/must hold/);
  });
});
