/**
 * A fake Twilio for the SMS tests (issue 16): a Node HTTP server on 127.0.0.1 that
 * speaks the Messages API as Twilio does (Basic auth, form-encoded bodies, 201 with a
 * Message JSON, Twilio's error JSON), serves MMS media behind the account's credentials
 * with a redirect to an unauthenticated "CDN", records every call, can be told to
 * fail with 500 first, and signs the webhooks it sends to the server as Twilio signs them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ApiCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

/** Twilio's webhook signature, written from Twilio's docs (not from party/): URL + sorted name/value pairs, HMAC-SHA1, base64. */
export function twilioSign(authToken: string, url: string, params: URLSearchParams): string {
  const pairs = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha1', authToken).update(url + pairs.map(([k, v]) => k + v).join('')).digest('base64');
}

export const sid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

export class FakeTwilio {
  readonly accountSid = sid('AC');
  readonly authToken = randomBytes(16).toString('hex');
  /** Every request the fake received, in order. */
  readonly calls: ApiCall[] = [];
  /** Messages the API created (a 500 creates none). */
  readonly created: Array<{ sid: string; form: URLSearchParams }> = [];
  /** What the next Messages API calls answer, in order; then 201. */
  script: Array<500 | { status: number; code: number; message: string }> = [];
  /** Media served at `/2010-04-01/Accounts/{sid}/Messages/{mm}/Media/{me}` (auth), via `/cdn/{me}`. */
  readonly media = new Map<string, { type: string; bytes: Uint8Array }>();
  base = '';
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        this.calls.push({ method: req.method ?? '', path, headers: req.headers, form });
        const authed = req.headers.authorization === `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
        const cdn = /^\/cdn\/(ME[0-9a-f]{32})$/.exec(path);
        if (req.method === 'GET' && cdn) {
          const m = this.media.get(cdn[1]!);
          return void (m ? res.writeHead(200, { 'Content-Type': m.type }).end(Buffer.from(m.bytes)) : res.writeHead(404).end());
        }
        const medium = new RegExp(`^/2010-04-01/Accounts/${this.accountSid}/Messages/MM[0-9a-f]{32}/Media/(ME[0-9a-f]{32})$`).exec(path);
        if (req.method === 'GET' && medium) {
          if (!authed) return void this.error(res, 401, 20003, 'Authenticate');
          return void res.writeHead(307, { Location: `${this.base}/cdn/${medium[1]}` }).end();
        }
        if (req.method === 'POST' && path === `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
          if (!authed) return void this.error(res, 401, 20003, 'Authenticate');
          const step = this.script.shift();
          if (step === 500) return void this.error(res, 500, 20500, 'Internal Server Error');
          if (step) return void this.error(res, step.status, step.code, step.message);
          const message = { sid: sid('SM'), form };
          this.created.push(message);
          return void res.writeHead(201, { 'Content-Type': 'application/json' }).end(
            JSON.stringify({
              sid: message.sid,
              account_sid: this.accountSid,
              to: form.get('To'),
              from: form.get('From'),
              messaging_service_sid: form.get('MessagingServiceSid'),
              body: form.get('Body') ?? '',
              num_media: String(form.getAll('MediaUrl').length),
              status: 'queued',
              direction: 'outbound-api',
              error_code: null,
              error_message: null,
              date_created: new Date().toUTCString(),
              uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
            }),
          );
        }
        this.error(res, 404, 20404, 'The requested resource was not found');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.base = `http://127.0.0.1:${port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The API calls that sent (or tried to send) a message. */
  sends(): ApiCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/Messages.json'));
  }

  /** Adds an MMS medium and returns its authenticated URL, as Twilio puts it in `MediaUrl{i}`. */
  addMedium(type: string, bytes: Uint8Array): string {
    const me = sid('ME');
    this.media.set(me, { type, bytes });
    return `${this.base}/2010-04-01/Accounts/${this.accountSid}/Messages/${sid('MM')}/Media/${me}`;
  }

  /**
   * Posts a webhook as Twilio does: form-encoded to `target`, signed over `signedUrl`
   * (the public URL Twilio was given; the same as `target` without a proxy).
   */
  webhook(target: string, params: Record<string, string>, opts: { signedUrl?: string; signature?: string | null } = {}): Promise<Response> {
    const form = new URLSearchParams(params);
    const signature = opts.signature === undefined ? twilioSign(this.authToken, opts.signedUrl ?? target, form) : opts.signature;
    return fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'X-Twilio-Signature': signature }) },
      body: form.toString(),
      signal: AbortSignal.timeout(60_000),
    });
  }

  private error(res: import('node:http').ServerResponse, status: number, code: number, message: string): void {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
  }
}
