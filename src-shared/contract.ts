// The one contract between the renderer and main: every request handler with its input schema and
// output type, plus the event stream. Both transports (Electron IPC, the headless host's WebSocket)
// serve exactly this map; add a handler here and implement it in src-main/handlers.
import type { z } from 'zod';
import type { DocumentRow, MeetingRow } from './domain.js';
import type { ProjectionTable } from './docs/projection.js';
import { schemas } from './schemas.js';
import type { FeedPage, FullTextResult, PageText, SnapshotPart } from './search.js';
import type {
  AppInfo,
  BoardroomSummary,
  CommandResult,
  Created,
  DecisionView,
  DocumentContent,
  MeetingDetail,
  MemberView,
  OutboxEntryView,
  Page,
  SyncStatusView,
} from './views.js';

interface HandlerSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output?: O;
}

const handler = <I extends z.ZodType, O>(input: I): HandlerSpec<I, O> => ({ input });

export const contract = {
  'app.info': handler<typeof schemas.empty, AppInfo>(schemas.empty),
  'boardrooms.list': handler<typeof schemas.boardroomsList, BoardroomSummary[]>(schemas.boardroomsList),
  'boardrooms.get': handler<typeof schemas.byId, BoardroomSummary>(schemas.byId),
  'boardrooms.create': handler<typeof schemas.boardroomsCreate, Created>(schemas.boardroomsCreate),
  'boardrooms.update': handler<typeof schemas.boardroomsUpdate, void>(schemas.boardroomsUpdate),
  'boardrooms.archive': handler<typeof schemas.boardroomsArchive, void>(schemas.boardroomsArchive),
  'meetings.page': handler<typeof schemas.meetingsPage, Page<MeetingRow>>(schemas.meetingsPage),
  'meetings.get': handler<typeof schemas.byId, MeetingDetail>(schemas.byId),
  'meetings.schedule': handler<typeof schemas.meetingsSchedule, Created>(schemas.meetingsSchedule),
  'meetings.update': handler<typeof schemas.meetingsUpdate, void>(schemas.meetingsUpdate),
  'meetings.cancel': handler<typeof schemas.byId, void>(schemas.byId),
  'meetings.rsvp': handler<typeof schemas.meetingsRsvp, CommandResult>(schemas.meetingsRsvp),
  'agenda.add': handler<typeof schemas.agendaAdd, Created>(schemas.agendaAdd),
  'agenda.update': handler<typeof schemas.agendaUpdate, void>(schemas.agendaUpdate),
  'agenda.move': handler<typeof schemas.agendaMove, void>(schemas.agendaMove),
  'agenda.remove': handler<typeof schemas.agendaRemove, void>(schemas.agendaRemove),
  'minutes.save': handler<typeof schemas.minutesSave, void>(schemas.minutesSave),
  'actions.add': handler<typeof schemas.actionsAdd, Created>(schemas.actionsAdd),
  'actions.update': handler<typeof schemas.actionsUpdate, void>(schemas.actionsUpdate),
  'documents.page': handler<typeof schemas.documentsPage, Page<DocumentRow>>(schemas.documentsPage),
  'documents.attach': handler<typeof schemas.documentsAttach, Created>(schemas.documentsAttach),
  'documents.open': handler<typeof schemas.byId, DocumentContent>(schemas.byId),
  'documents.remove': handler<typeof schemas.byId, void>(schemas.byId),
  'members.list': handler<typeof schemas.boardroomScoped, MemberView[]>(schemas.boardroomScoped),
  'members.add': handler<typeof schemas.membersAdd, CommandResult & Created>(schemas.membersAdd),
  'members.setRole': handler<typeof schemas.membersSetRole, CommandResult>(schemas.membersSetRole),
  'members.remove': handler<typeof schemas.membersRemove, CommandResult>(schemas.membersRemove),
  'decisions.list': handler<typeof schemas.boardroomScoped, DecisionView[]>(schemas.boardroomScoped),
  'decisions.open': handler<typeof schemas.decisionsOpen, CommandResult & Created>(schemas.decisionsOpen),
  'decisions.close': handler<typeof schemas.decisionsClose, CommandResult>(schemas.decisionsClose),
  'votes.cast': handler<typeof schemas.vote, CommandResult>(schemas.vote),
  'votes.change': handler<typeof schemas.vote, CommandResult>(schemas.vote),
  'notes.save': handler<typeof schemas.notesSave, void>(schemas.notesSave),
  'sync.status': handler<typeof schemas.empty, SyncStatusView>(schemas.empty),
  'sync.signIn': handler<typeof schemas.syncSignIn, SyncStatusView>(schemas.syncSignIn),
  'sync.signOut': handler<typeof schemas.empty, SyncStatusView>(schemas.empty),
  'sync.focus': handler<typeof schemas.syncFocus, void>(schemas.syncFocus),
  'outbox.list': handler<typeof schemas.empty, OutboxEntryView[]>(schemas.empty),
  'outbox.dismiss': handler<typeof schemas.outboxDismiss, void>(schemas.outboxDismiss),
  'search.feed': handler<typeof schemas.searchFeed, FeedPage>(schemas.searchFeed),
  'search.snapshotLoad': handler<typeof schemas.searchSnapshotLoad, SnapshotPart | null>(schemas.searchSnapshotLoad),
  'search.snapshotSave': handler<typeof schemas.searchSnapshotSave, void>(schemas.searchSnapshotSave),
  'search.fullText': handler<typeof schemas.searchFullText, FullTextResult>(schemas.searchFullText),
  'rum.report': handler<typeof schemas.rumReport, { sent: boolean }>(schemas.rumReport),
  'documents.pageText': handler<typeof schemas.documentsPageText, PageText>(schemas.documentsPageText),
} as const;

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type Input<K extends HandlerName> = z.input<Contract[K]['input']>;
/** What a handler receives after validation. */
export type ParsedInput<K extends HandlerName> = z.output<Contract[K]['input']>;
export type Output<K extends HandlerName> = Exclude<Contract[K]['output'], undefined>;

export type Handlers = { [K in HandlerName]: (input: ParsedInput<K>) => Output<K> | Promise<Output<K>> };

export const HANDLER_NAMES = Object.keys(contract) as HandlerName[];

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export interface Events {
  /** Projection tables that changed; listeners refetch what they show. Coalesced by the sender. */
  changed: { tables: ProjectionTable[] };
  'sync-status': SyncStatusView;
  /** The server refused a queued command (shown to the user, never dropped silently). */
  'command-refused': OutboxEntryView;
  progress: { task: string; done: number; total: number };
}
export type EventName = keyof Events;

/** The API both transports expose to the renderer. */
export interface BoardroomApi {
  call<K extends HandlerName>(name: K, input: Input<K>): Promise<Output<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
