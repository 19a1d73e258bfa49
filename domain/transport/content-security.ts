// The Content-Security-Policy of the desk's pages, shared by the web shell host (HTTP header)
// and checked against the Electron build's index.html meta tag: scripts only from our origin,
// no eval, no plugins, no framing, sockets only back to our own loopback host.
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine and AG Grid set inline style attributes; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connectSrc.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
