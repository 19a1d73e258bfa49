// Which addresses are this machine: the only ones where plain http and ws are allowed (the desk
// to the server, the server to the ERP, the demo's known passwords); anywhere else it is TLS.

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Null when the URL may be used; otherwise why not (plain http or ws to another machine). */
export function insecureReason(address: string): string | null {
  const url = new URL(address);
  if (url.protocol === 'https:' || url.protocol === 'wss:') return null;
  if ((url.protocol === 'http:' || url.protocol === 'ws:') && isLoopbackHost(url.hostname)) return null;
  return `${url.protocol}//${url.host} is not encrypted: use https (plain http only on this machine)`;
}
