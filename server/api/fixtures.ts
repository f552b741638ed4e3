// Test support for `/api/v1`: rooms filled the way clients fill them, through the sync socket and
// the authority, so the projections under test are the real ones.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { meetingDoc } from '../../src-shared/docs/meeting.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { meetingDocId, roomDocId } from '../../src-shared/ids.js';
import { API, type TokenPair } from '../../src-shared/sync/api.js';
import { api, eventually, RawSyncClient } from '../testing.js';

export interface MeetingSeed {
  id?: string;
  title: string;
  scheduledAt: number;
  status?: 'scheduled' | 'completed' | 'cancelled';
  location?: string;
}

export interface DocumentSeed {
  id?: string;
  title: string;
  description?: string;
  meetingId?: string | null;
  createdAt?: number;
  deletedAt?: number | null;
  size?: number;
}

/** Applies `change` to `docId` as a client would, and resolves once the server acknowledged it. */
export async function writeDoc(server: { url: string }, token: string, docId: string, change: (doc: Y.Doc) => void): Promise<void> {
  const client = new RawSyncClient(server, docId, token);
  try {
    await client.opened;
    client.doc.transact(() => change(client.doc));
    // An ack holding this client's latest clock (an earlier one may answer the sync handshake).
    const clock = Y.getState(client.doc.store, client.doc.clientID);
    await eventually(
      () => client.acks.some((sv) => (Y.decodeStateVector(sv).get(client.doc.clientID) ?? 0) >= clock),
      `the server to acknowledge the write to ${docId}`,
    );
  } finally {
    client.close();
  }
}

export function meetingEntry(seed: MeetingSeed): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set('title', seed.title);
  entry.set('scheduledAt', seed.scheduledAt);
  entry.set('status', seed.status ?? 'scheduled');
  entry.set('location', seed.location ?? '');
  return entry;
}

export function documentEntry(seed: DocumentSeed): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set('title', seed.title);
  entry.set('description', seed.description ?? '');
  entry.set('meetingId', seed.meetingId ?? null);
  entry.set('mime', 'application/pdf');
  entry.set('size', seed.size ?? 1000);
  entry.set('createdAt', seed.createdAt ?? Date.now());
  entry.set('deletedAt', seed.deletedAt ?? null);
  return entry;
}

/** Adds meetings and documents to a room doc; returns their ids in order. */
export async function fillRoom(
  server: { url: string },
  token: string,
  roomId: string,
  content: { meetings?: MeetingSeed[]; documents?: DocumentSeed[]; name?: string; description?: string },
): Promise<{ meetingIds: string[]; documentIds: string[] }> {
  const meetingIds = (content.meetings ?? []).map((m) => m.id ?? randomUUID());
  const documentIds = (content.documents ?? []).map((d) => d.id ?? randomUUID());
  await writeDoc(server, token, roomDocId(roomId), (doc) => {
    const room = roomDoc(doc);
    if (content.name) room.meta.set('name', content.name);
    if (content.description !== undefined) room.meta.set('description', content.description);
    content.meetings?.forEach((m, i) => room.meetings.set(meetingIds[i]!, meetingEntry(m)));
    content.documents?.forEach((d, i) => room.documents.set(documentIds[i]!, documentEntry(d)));
  });
  return { meetingIds, documentIds };
}

export async function setAgenda(server: { url: string }, token: string, meetingId: string, titles: string[]): Promise<string[]> {
  const ids = titles.map(() => randomUUID());
  await writeDoc(server, token, meetingDocId(meetingId), (doc) => {
    const meeting = meetingDoc(doc);
    titles.forEach((title, i) => {
      const item = new Y.Map<unknown>();
      item.set('title', title);
      item.set('rank', i + 1);
      item.set('presenter', 'Chair');
      meeting.agenda.set(ids[i]!, item);
    });
  });
  return ids;
}

export async function command(server: { url: string }, who: TokenPair, body: object): Promise<{ status: number; body: unknown }> {
  return api(server.url, API.commands, { token: who.accessToken, body: { command: { commandId: randomUUID(), ...body } } });
}

export async function addMember(server: { url: string }, owner: TokenPair, roomId: string, who: TokenPair, role = 'member'): Promise<void> {
  const { status, body } = await command(server, owner, { kind: 'addMember', boardroomId: roomId, userId: who.user.id, name: who.user.name, email: who.user.email, role });
  if (status !== 200) throw new Error(`addMember failed: ${JSON.stringify(body)}`);
}

/** GET with a bearer token; the JSON body, status and headers. */
export async function get<T = unknown>(
  server: { url: string },
  path: string,
  token?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(new URL(path, server.url), { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}
