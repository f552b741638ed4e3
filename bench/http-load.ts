// A lean HTTP/1.1 load client for bench:api: one keep-alive socket per simulated user, one request
// at a time on it (as a browser tab or the seed's aiohttp session sends them), the response read
// whole (status line, headers, then a Content-Length or chunked body). It exists because node:http's
// client costs about as much CPU per request as the server does to answer a cached read (~90 µs):
// on a 2-core machine the load generator then takes a core of its own and its event loop delays
// are counted in every latency. This one parses only what it needs: a few µs per response.
import { connect, type Socket } from 'node:net';

export interface LeanResponse {
  ms: number;
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

interface Pending {
  started: number;
  resolve: (response: LeanResponse) => void;
  reject: (error: Error) => void;
}

/** Parses the response at the start of `buffer`; null while it is incomplete. */
function parseResponse(buffer: Buffer): { status: number; headers: Map<string, string>; body: Buffer; used: number } | null {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return null;
  const lines = buffer.toString('latin1', 0, end).split('\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!statusLine) throw new Error(`not an HTTP/1.1 response: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const start = end + HEADER_END.length;
  const length = headers.get('content-length');
  if (length !== undefined) {
    const total = start + Number(length);
    if (buffer.length < total) return null;
    return { status: Number(statusLine[1]), headers, body: buffer.subarray(start, total), used: total };
  }
  if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    let at = start;
    for (;;) {
      const lineEnd = buffer.indexOf(CRLF, at);
      if (lineEnd < 0) return null;
      const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
      if (!Number.isFinite(size)) throw new Error('bad chunk size in a chunked response');
      const dataStart = lineEnd + 2;
      if (size === 0) {
        // No trailers are sent by our server: the last chunk is followed by one CRLF.
        if (buffer.length < dataStart + 2) return null;
        return { status: Number(statusLine[1]), headers, body: Buffer.concat(parts), used: dataStart + 2 };
      }
      if (buffer.length < dataStart + size + 2) return null;
      parts.push(buffer.subarray(dataStart, dataStart + size));
      at = dataStart + size + 2;
    }
  }
  // No length and not chunked: 204/304 and the like carry no body.
  return { status: Number(statusLine[1]), headers, body: Buffer.alloc(0), used: start };
}

/** One keep-alive connection; `get` waits for the previous response (no pipelining). */
export class LeanConnection {
  private socket: Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  private readonly host: string;
  private readonly port: number;

  constructor(base: string) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  get(path: string, headers: Record<string, string>): Promise<LeanResponse> {
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    const socket = this.socket ?? this.open();
    let head = `GET ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.pending = { started: performance.now(), resolve, reject };
      socket.write(`${head}\r\n`, 'latin1');
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      // A socket this connection already let go of (closed after a `connection: close`) owes nothing.
      if (this.socket !== socket) return;
      this.socket = null;
      const pending = this.pending;
      this.pending = null;
      this.buffered = Buffer.alloc(0);
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection before answering')));
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const pending = this.pending;
    if (!pending) return;
    let parsed: ReturnType<typeof parseResponse>;
    try {
      parsed = parseResponse(this.buffered);
    } catch (error) {
      this.pending = null;
      this.close();
      pending.reject(error as Error);
      return;
    }
    if (!parsed) return;
    const ms = performance.now() - pending.started;
    this.buffered = this.buffered.subarray(parsed.used);
    this.pending = null;
    if (parsed.headers.get('connection')?.toLowerCase() === 'close') this.close();
    pending.resolve({ ms, status: parsed.status, headers: parsed.headers, body: parsed.body });
  }
}
