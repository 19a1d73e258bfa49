// Where the desk's long-lived secret (the refresh token) is sealed before it touches the disk. In
// Electron the main process seals it with the OS keychain (safeStorage: DPAPI, Keychain, libsecret)
// and the core asks through the bridge, so the replica file never holds it in clear; the web shell
// (development and tests) keeps it as it is.

export interface SecretBox {
  seal(text: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const PREFIX = 'sealed:v1:';

/** The web shell's box: nothing to seal with. */
export const plainBox: SecretBox = {
  seal: async (text) => text,
  open: async (text) => text,
};

/** A box over an OS encryption (Electron's safeStorage, asked through the bridge). */
export function osBox(
  encrypt: (text: string) => Promise<string>,
  decrypt: (base64: string) => Promise<string>,
): SecretBox {
  return {
    seal: async (text) => `${PREFIX}${await encrypt(text)}`,
    // A token kept before sealing came in (an older version of the desk) is read once as it is;
    // its successor is sealed.
    open: async (sealed) => (sealed.startsWith(PREFIX) ? decrypt(sealed.slice(PREFIX.length)) : sealed),
  };
}
