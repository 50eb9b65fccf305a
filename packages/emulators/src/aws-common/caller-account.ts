/**
 * The account a request acts as, from the access key id in its SigV4 Authorization header: a 12-digit key
 * id is that account, a mapped key id is its mapped account, anything else is the default account.
 * Signatures themselves are not checked.
 */
export function callerAccount(
  authorization: string | undefined,
  accessKeys: Readonly<Record<string, string>>,
  defaultAccount: string,
): string {
  const keyId = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
  if (!keyId) return defaultAccount;
  if (/^\d{12}$/.test(keyId)) return keyId;
  return accessKeys[keyId] ?? defaultAccount;
}
