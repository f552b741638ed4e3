// The sync wire protocol: the standard y-websocket messages (sync, awareness, auth, query-awareness)
// plus one of ours, ACK, which the server sends after it has committed a client's update so the client
// knows exactly what is safe on the server. Only clients that ask for acks (`?acks=1`) receive them, so
// a stock y-websocket provider never sees an unknown message type.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_ACK = 100;

/** Close codes with a reason string a person can read. 4000-4999 are ours. */
export const CLOSE = {
  /** The frame could not be decoded. */
  malformed: 4400,
  /** No token, or the token is invalid or expired: refresh and reconnect. */
  unauthorized: 4401,
  /** The user may not read this doc (or lost access while connected). */
  forbidden: 4403,
  /** Authentication did not arrive in time. */
  authTimeout: 4408,
  /** A frame over the size limit. */
  tooLarge: 4413,
  /** Too many messages per second. */
  rateLimited: 4429,
  /** The server is shutting down: reconnect after a short delay. */
  goingAway: 1001,
} as const;

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

export function encodeAck(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACK);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** The state vector carried by an ACK message (its type byte already read). */
export function readAck(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

/** The path a doc syncs on: `/sync/<docId>`, the doc id URI-encoded (it contains a colon). */
export function syncPath(docId: string): string {
  return `/sync/${encodeURIComponent(docId)}`;
}
