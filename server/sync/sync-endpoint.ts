// `/sync/<docId>?token=<access>[&acks=1]`: the WebSocket endpoint. Everything is checked before the
// upgrade completes (address rate, token, account, access), so an unauthenticated request never
// touches a doc. Access of live sockets is re-checked on membership notices and periodically.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import { WebSocketServer } from 'ws';
import { parseDocId, type ParsedDocId } from '../../src-shared/ids.js';
import { CLOSE, MESSAGE_AUTH } from '../../src-shared/sync/protocol.js';
import { activeUser } from '../auth/accounts.js';
import type { TokenIssuer } from '../auth/tokens.js';
import type { Bus } from '../bus/bus.js';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { KeyedLimiter } from '../limits.js';
import { memberships, membershipKey, permit, resolvePermit, UnknownMeetingError, type DocPermit } from './doc-access.js';
import type { DocHub } from './doc-hub.js';
import { closeReason } from './frames.js';
import { SyncPeer } from './sync-peer.js';

/** Close code for "not yet": a stock client reconnects (it stops only on 4400-4499). */
export const CLOSE_TRY_AGAIN_LATER = 1013;
const MEMBERSHIP = 'membership-changed';
const HEARTBEAT_MS = 30_000;

export class SyncEndpoint {
  private readonly wss: WebSocketServer;
  private readonly peers = new Set<SyncPeer>();
  private readonly connects: KeyedLimiter;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Database,
    private readonly hub: DocHub,
    private readonly bus: Bus,
    private readonly tokens: TokenIssuer,
    private readonly config: ServerConfig,
    private readonly log: Logger,
  ) {
    // Frames up to twice the limit reach us and are refused with our close code and a reason;
    // anything larger is cut off by ws itself before it is buffered.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes * 2, perMessageDeflate: false });
    this.connects = new KeyedLimiter(config.connectsPerMinutePerIp / 60, config.connectsPerMinutePerIp);
  }

  async start(): Promise<void> {
    await this.bus.subscribe(MEMBERSHIP, (message) => {
      try {
        const roomId = (JSON.parse(message) as { roomId?: unknown }).roomId;
        if (typeof roomId === 'string') void this.recheck(roomId);
      } catch {
        this.log.debug({ message }, 'ignored a membership notice that did not decode');
      }
    });
    const recheck = setInterval(() => void this.recheck(), this.config.accessRecheckMs);
    const heartbeat = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.timers.push(recheck, heartbeat);
    for (const timer of this.timers) timer.unref();
  }

  get connectionCount(): number {
    return this.peers.size;
  }

  /** Tells every process that room membership changed, so live sockets are re-checked now. */
  async membershipChanged(roomId: string): Promise<void> {
    await this.bus.publish(MEMBERSHIP, JSON.stringify({ roomId }));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    this.admit(request).then(
      (admitted) => {
        if ('status' in admitted) return refuseUpgrade(socket, admitted.status, admitted.message);
        // The client may have hung up while we checked its token.
        if (socket.destroyed) return;
        this.wss.handleUpgrade(request, socket, head, (ws) => {
          const { userId, docId, wantsAcks, permit: docPermit } = admitted;
          if (!docPermit.read) {
            const encoder = encoding.createEncoder();
            encoding.writeVarUint(encoder, MESSAGE_AUTH);
            authProtocol.writePermissionDenied(encoder, docPermit.readRefusal);
            ws.send(encoding.toUint8Array(encoder));
            ws.close(CLOSE.forbidden, closeReason(docPermit.readRefusal));
            return;
          }
          if (admitted.unknownMeeting) {
            ws.close(CLOSE_TRY_AGAIN_LATER, closeReason(admitted.unknownMeeting));
            return;
          }
          const peer = new SyncPeer(ws, userId, docId, docPermit, wantsAcks, this.hub, this.config, (error) =>
            this.log.error({ err: error, docId }, 'sync message failed'),
          );
          (ws as unknown as { alive: boolean }).alive = true;
          ws.on('pong', () => ((ws as unknown as { alive: boolean }).alive = true));
          this.peers.add(peer);
          ws.on('close', () => this.peers.delete(peer));
          peer.join().catch((error) => {
            this.log.error({ err: error, docId }, 'could not open doc');
            peer.close(1011, 'the server could not open this document: try again shortly');
          });
        });
      },
      (error) => {
        this.log.error({ err: error }, 'upgrade failed');
        refuseUpgrade(socket, 503, 'the server cannot open documents right now: try again shortly');
      },
    );
  }

  private async admit(request: IncomingMessage): Promise<
    | { status: number; message: string }
    | { userId: string; docId: string; doc: ParsedDocId; wantsAcks: boolean; permit: DocPermit; unknownMeeting?: string }
  > {
    const address = request.socket.remoteAddress ?? 'unknown';
    if (!this.connects.take(address)) {
      return { status: 429, message: 'too many connection attempts from this address: wait a minute and retry' };
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = /^\/sync\/([^/]+)$/.exec(url.pathname);
    let docId: string;
    try {
      docId = match ? decodeURIComponent(match[1]!) : '';
    } catch {
      docId = '';
    }
    const doc = parseDocId(docId);
    if (!doc) return { status: 404, message: 'sync URLs look like /sync/room:<id>, /sync/meeting:<id>, /sync/ledger:<id> or /sync/notes:<id>' };
    const claims = await this.tokens.verify(url.searchParams.get('token') ?? '');
    if (!claims) return { status: 401, message: 'missing or expired access token: refresh it and reconnect' };
    if (!(await activeUser(this.db, claims.userId))) return { status: 401, message: 'this account is deactivated' };
    const wantsAcks = url.searchParams.get('acks') === '1';
    try {
      const docPermit = await resolvePermit(this.db, doc, claims.userId);
      return { userId: claims.userId, docId, doc, wantsAcks, permit: docPermit };
    } catch (error) {
      if (!(error instanceof UnknownMeetingError)) throw error;
      const none = permit(doc, claims.userId, null, { role: 'owner', roomName: '' });
      return { userId: claims.userId, docId, doc, wantsAcks, permit: none, unknownMeeting: error.message };
    }
  }

  /** Re-reads the roles behind live sockets (of one room, or all); a lost read access closes the socket. */
  async recheck(roomId?: string): Promise<void> {
    const targets = [...this.peers].filter((p) => p.isOpen && p.permit.roomId && (!roomId || p.permit.roomId === roomId));
    if (targets.length === 0) return;
    try {
      const pairs = new Map(targets.map((p) => [membershipKey(p.permit.roomId!, p.userId), { roomId: p.permit.roomId!, userId: p.userId }]));
      const found = await memberships(this.db, [...pairs.values()]);
      for (const peer of targets) {
        const parsed = parseDocId(peer.docId)!;
        const membership = found.get(membershipKey(peer.permit.roomId!, peer.userId)) ?? { role: null, roomName: peer.permit.roomName };
        const next = permit(parsed, peer.userId, peer.permit.roomId, membership);
        if (!next.read) {
          const reason = `${next.readRefusal.replace(/^you are not/, 'you are no longer')}`;
          peer.denyWrite(reason);
          peer.close(CLOSE.forbidden, reason);
        } else peer.permit = next;
      }
    } catch (error) {
      this.log.warn({ err: error }, 'access re-check failed; retried on the next tick');
    }
  }

  private heartbeat(): void {
    for (const client of this.wss.clients) {
      const state = client as unknown as { alive: boolean };
      if (!state.alive) client.terminate();
      else {
        state.alive = false;
        client.ping();
      }
    }
  }

  /** Closes every socket with 1001 so clients reconnect (to another process, or to this one restarted). */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.connects.close();
    for (const peer of this.peers) peer.close(CLOSE.goingAway, 'the server is restarting: reconnect in a few seconds');
    this.wss.close();
  }
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: status === 401 ? 'unauthorized' : status === 429 ? 'rate_limited' : 'refused', message });
  const reason = { 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
