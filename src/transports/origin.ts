/** The server's origin from a `host` attribute: `chat.example.com` (https), `localhost:1999` (http), or a full origin. */
export function serverOrigin(host: string): string {
  if (/^https?:\/\//.test(host)) return host.replace(/\/+$/, '');
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return `${local ? 'http' : 'https'}://${host}`;
}

/** A shop's room on the reference server: its HTTP routes (`/config`, `/session`, ...) are under this. */
export const shopBase = (host: string, shop: string): string => `${serverOrigin(host)}/parties/main/${shop}`;
