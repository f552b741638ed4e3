// Domain vocabulary shared by every process. Times are epoch milliseconds (UTC).

export const ROLES = ['owner', 'admin', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may change room and meeting docs. Observers read only. */
export const EDITOR_ROLES: readonly Role[] = ['owner', 'admin', 'member'];
/** Roles that may manage membership and the room itself. */
export const MANAGER_ROLES: readonly Role[] = ['owner', 'admin'];

export const MEETING_STATUSES = ['scheduled', 'completed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const DECISION_STATUSES = ['open', 'closed'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const RSVP_RESPONSES = ['yes', 'no', 'maybe'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

export interface BoardroomRow {
  id: string;
  name: string;
  description: string;
  active: boolean;
  createdAt: number;
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export interface MemberRow {
  boardroomId: string;
  userId: string;
  role: Role;
  active: boolean;
  addedAt: number;
}

export interface MeetingRow {
  id: string;
  boardroomId: string;
  title: string;
  scheduledAt: number;
  durationMinutes: number;
  status: MeetingStatus;
  location: string;
  videoUrl: string;
}

export interface AgendaItemRow {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  presenter: string;
  durationMinutes: number;
  notes: string;
  documentIds: string[];
}

export interface ActionItemRow {
  id: string;
  meetingId: string;
  title: string;
  assignee: string;
  due: number | null;
  done: boolean;
  createdAt: number;
}

export interface DocumentRow {
  id: string;
  boardroomId: string;
  meetingId: string | null;
  title: string;
  description: string;
  blobHash: string;
  mime: string;
  size: number;
  createdAt: number;
  deletedAt: number | null;
}

export interface DecisionRow {
  id: string;
  boardroomId: string;
  meetingId: string | null;
  motion: string;
  options: string[];
  deadline: number;
  status: DecisionStatus;
  openedBy: string;
  openedAt: number;
  closedAt: number | null;
}

export interface VoteRow {
  decisionId: string;
  userId: string;
  option: string;
  castAt: number;
}

export interface ParticipantRow {
  meetingId: string;
  userId: string;
  response: RsvpResponse;
  respondedAt: number;
}
