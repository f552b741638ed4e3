// The demo workspace a first start creates: three boardrooms, their people, 60 meetings with agendas,
// minutes and action items, 40 documents and decisions with votes. Deterministic for a given seed.
import type { Role } from '../../src-shared/domain.js';
import { ledgerDoc, rsvpKey, voteKey, type DecisionEntry, type MemberEntry } from '../../src-shared/docs/ledger.js';
import { meetingDoc } from '../../src-shared/docs/meeting.js';
import { newNestedMap, writeFields } from '../../src-shared/docs/read.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { ledgerDocId, meetingDocId, newId, roomDocId } from '../../src-shared/ids.js';
import { applyRichText, type RichDelta } from '../../src-shared/richtext.js';
import type { HandlerContext } from '../handlers/context.js';
import { makePdf } from './pdf.js';

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  { name: 'Margaret Chen', email: 'margaret.chen@example.com' },
  { name: 'David Okafor', email: 'david.okafor@example.com' },
  { name: 'Sophie Laurent', email: 'sophie.laurent@example.com' },
  { name: 'Rahul Mehta', email: 'rahul.mehta@example.com' },
  { name: 'Elena Petrova', email: 'elena.petrova@example.com' },
  { name: 'James Whitfield', email: 'james.whitfield@example.com' },
  { name: 'Amara Nwosu', email: 'amara.nwosu@example.com' },
];

interface RoomPlan {
  name: string;
  description: string;
  myRole: Role;
  people: Array<[number, Role]>;
  meetingTitle: string;
  locations: string[];
}

export const DEMO_ROOMS: RoomPlan[] = [
  {
    name: 'Board of Directors',
    description: 'The main board: strategy, performance, governance and approvals.',
    myRole: 'owner',
    people: [[0, 'owner'], [1, 'admin'], [2, 'member'], [3, 'member'], [4, 'member'], [5, 'member'], [6, 'observer']],
    meetingTitle: 'Board Meeting',
    locations: ['Boardroom, 12th floor', 'London office', 'Virtual'],
  },
  {
    name: 'Audit & Risk Committee',
    description: 'Oversight of financial reporting, internal controls, external audit and the risk register.',
    myRole: 'observer',
    people: [[3, 'owner'], [4, 'member'], [5, 'member'], [0, 'admin']],
    meetingTitle: 'Audit & Risk Committee',
    locations: ['Meeting room 3', 'Virtual'],
  },
  {
    name: 'Remuneration Committee',
    description: 'Executive pay, incentive plans and succession.',
    myRole: 'admin',
    people: [[0, 'owner'], [2, 'member'], [6, 'member']],
    meetingTitle: 'Remuneration Committee',
    locations: ['Meeting room 1', 'Virtual'],
  },
];

const AGENDA_POOL = [
  'Apologies and declarations of interest',
  'Minutes of the previous meeting and matters arising',
  "Chief Executive's report",
  'Financial performance and management accounts',
  'Risk register review',
  'Strategy update',
  'Capital expenditure approvals',
  'Health, safety and wellbeing',
  'Environmental, social and governance report',
  'Internal audit findings',
  'External auditor update',
  'Cyber security briefing',
  'Succession planning',
  'Stakeholder and investor relations',
  'Any other business',
];

const ACTIONS = [
  'Circulate revised budget to directors',
  'Update the risk register with new supplier risks',
  'Prepare options paper on the office move',
  'Confirm auditor fee proposal',
  'Schedule strategy day with the executive team',
  'Review the whistleblowing policy',
  'Share cyber incident report with the committee',
];

const MOTIONS = [
  { motion: 'Approve the annual budget for the coming financial year', options: ['For', 'Against', 'Abstain'] },
  { motion: 'Appoint the external auditor for a further term', options: ['For', 'Against', 'Abstain'] },
  { motion: 'Approve the capital expenditure for the new data centre', options: ['For', 'Against', 'Abstain'] },
  { motion: 'Choose the venue for the strategy offsite', options: ['Oxford', 'Edinburgh', 'Virtual'] },
  { motion: 'Adopt the revised remuneration policy', options: ['For', 'Against', 'Abstain'] },
  { motion: 'Declare an interim dividend', options: ['For', 'Against', 'Abstain'] },
];

const DAY = 24 * 60 * 60 * 1000;

function minutesDelta(title: string, items: string[], chair: string, pick: <T>(xs: T[]) => T): RichDelta {
  const delta: RichDelta = [{ insert: `Minutes of the ${title}` }, { insert: '\n', attributes: { header: 2 } }];
  delta.push({ insert: `Present: ${chair} (Chair) and the members listed in the register.\n` });
  for (const item of items.slice(0, 4)) {
    delta.push({ insert: item }, { insert: '\n', attributes: { header: 3 } });
    delta.push({
      insert: `${pick(['The board discussed', 'The committee considered', 'Directors reviewed'])} the paper on ${item.toLowerCase()}. `,
    });
    delta.push({ insert: 'Resolved:', attributes: { bold: true } }, { insert: ` ${pick(['noted', 'approved', 'approved subject to minor changes'])}.\n` });
  }
  delta.push({ insert: 'Next steps agreed' }, { insert: '\n', attributes: { list: 'bullet' } });
  delta.push({ insert: 'Circulate the papers a week ahead' }, { insert: '\n', attributes: { list: 'bullet' } });
  return delta;
}

/** Seeds the workspace through the same doc store as every edit. Returns the ids it made. */
export function seedDemoWorkspace(ctx: HandlerContext, seed = 20261203): { roomIds: string[]; meetingIds: string[] } {
  const rand = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = ctx.now();
  const peopleIds = PEOPLE.map(() => newId());
  const roomIds: string[] = [];
  const meetingIds: string[] = [];
  let documentsLeft = 40;
  const motions = [...MOTIONS];

  ctx.store.batch(() => {
    DEMO_ROOMS.forEach((plan, roomIndex) => {
      const roomId = newId();
      roomIds.push(roomId);
      const members: Array<{ id: string; entry: MemberEntry }> = [
        { id: ctx.me.userId, entry: { name: ctx.me.name, email: ctx.me.email, role: plan.myRole, active: true, addedAt: now - 400 * DAY } },
        ...plan.people.map(([p, role]) => ({
          id: peopleIds[p]!,
          entry: { ...PEOPLE[p]!, role, active: true, addedAt: now - 380 * DAY },
        })),
      ];
      const voters = members.filter((m) => m.entry.role !== 'observer');
      const chair = members.find((m) => m.entry.role === 'owner')!.entry.name;

      const meetings: Array<{ id: string; title: string; at: number; past: boolean; items: string[] }> = [];
      for (let i = 0; i < 20; i++) {
        const monthOffset = i - 10;
        const at = Math.round((now + monthOffset * 30 * DAY + (roomIndex * 3 + 1) * DAY) / (15 * 60 * 1000)) * 15 * 60 * 1000;
        const date = new Date(at);
        const title = `${plan.meetingTitle} — ${date.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
        const count = 4 + Math.floor(rand() * 7);
        const items = [AGENDA_POOL[0]!, AGENDA_POOL[1]!, ...[...AGENDA_POOL.slice(2, -1)].sort(() => rand() - 0.5).slice(0, count - 3), AGENDA_POOL.at(-1)!];
        meetings.push({ id: newId(), title, at, past: at < now, items });
      }

      ctx.store.change(roomDocId(roomId), (doc) => {
        const room = roomDoc(doc);
        writeFields(room.meta, { name: plan.name, description: plan.description, active: true, createdAt: now - 400 * DAY });
        meetings.forEach((m, i) => {
          room.meetings.set(
            m.id,
            newNestedMap({
              title: m.title,
              scheduledAt: m.at,
              durationMinutes: pick([60, 90, 120, 180]),
              status: m.past ? (i === 3 ? 'cancelled' : 'completed') : 'scheduled',
              location: pick(plan.locations),
              videoUrl: rand() < 0.5 ? `https://meet.example.com/${m.id.slice(0, 8)}` : '',
            }),
          );
        });
        // Documents: board packs (PDF) on meetings, and a few standing papers (text, Markdown).
        const perRoom = roomIndex === DEMO_ROOMS.length - 1 ? documentsLeft : Math.round(40 / DEMO_ROOMS.length);
        documentsLeft -= perRoom;
        for (let d = 0; d < perRoom; d++) {
          const meeting = meetings[(d * 3) % meetings.length]!;
          const kind = d % 4;
          const file =
            kind === 3
              ? { title: `${plan.name} — terms of reference ${d + 1}.md`, mime: 'text/markdown', data: Buffer.from(`# ${plan.name}: terms of reference\n\n## Purpose\n\n${plan.description}\n\n## Membership\n\n${members.map((m) => `- ${m.entry.name} (${m.entry.role})`).join('\n')}\n`) }
              : kind === 2
                ? { title: `Notes for ${meeting.title}.txt`, mime: 'text/plain', data: Buffer.from(`Preparation notes for ${meeting.title}\n\n${meeting.items.map((item, n) => `${n + 1}. ${item}`).join('\n')}\n`) }
                : {
                    title: `Board pack — ${meeting.title}.pdf`,
                    mime: 'application/pdf',
                    data: makePdf(meeting.title, [
                      [meeting.title, '', 'Board pack', '', ...meeting.items.map((item, n) => `${n + 1}. ${item}`)],
                      ...meeting.items.slice(2, 5).map((item) => [item, '', `Paper prepared for the ${plan.name.toLowerCase()}.`, 'For discussion and approval.']),
                    ]),
                  };
          const blob = ctx.blobs.put(file.data, file.mime);
          room.documents.set(
            newId(),
            newNestedMap({
              title: file.title,
              description: '',
              blobHash: blob.hash,
              mime: file.mime,
              size: blob.size,
              meetingId: kind === 3 ? '' : meeting.id,
              createdAt: meeting.at - 7 * DAY + d * 60_000,
              deletedAt: null,
            }),
          );
        }
      });

      for (const m of meetings) {
        meetingIds.push(m.id);
        ctx.store.change(meetingDocId(m.id), (doc) => {
          const meeting = meetingDoc(doc);
          meeting.meta.set('roomId', roomId);
          m.items.forEach((title, n) => {
            meeting.agenda.set(
              newId(),
              newNestedMap({ title, presenter: pick(members).entry.name, durationMinutes: pick([5, 10, 15, 20, 30]), notes: '', documentIds: [], rank: n + 1 }),
            );
          });
          if (m.past) {
            applyRichText(meeting.minutes, minutesDelta(m.title, m.items.slice(2), chair, pick));
          }
          const actions = Math.floor(rand() * 5);
          for (let a = 0; a < actions; a++) {
            meeting.actions.set(
              newId(),
              newNestedMap({ title: pick(ACTIONS), assignee: pick(members).entry.name, due: m.at + (14 + a * 7) * DAY, done: m.past && rand() < 0.6, createdAt: m.at + a }),
            );
          }
        });
      }

      ctx.store.change(
        ledgerDocId(roomId),
        (doc) => {
          const ledger = ledgerDoc(doc);
          for (const m of members) ledger.members.set(m.id, m.entry);
          for (let d = 0; d < 4; d++) {
            const motion = motions.shift() ?? pick(MOTIONS);
            const open = d < 2;
            const meeting = open ? meetings.find((x) => !x.past)! : meetings[9 - d]!;
            const decisionId = newId();
            const entry: DecisionEntry = {
              motion: motion.motion,
              options: motion.options,
              deadline: open ? now + (10 + d * 7) * DAY : meeting.at + DAY,
              status: open ? 'open' : 'closed',
              openedBy: voters[0]!.id,
              openedAt: open ? now - 2 * DAY : meeting.at - 3 * DAY,
              closedAt: open ? null : meeting.at + DAY,
              meetingId: meeting.id,
            };
            ledger.decisions.set(decisionId, entry);
            for (const voter of voters) {
              // On open decisions the local user has not voted yet, so there is something to do.
              if (open && (voter.id === ctx.me.userId || rand() < 0.4)) continue;
              ledger.votes.set(voteKey(decisionId, voter.id), { option: rand() < 0.75 ? motion.options[0]! : pick(motion.options), castAt: entry.openedAt + DAY });
            }
          }
          for (const m of meetings.filter((x) => !x.past).slice(0, 3)) {
            for (const member of members) {
              if (member.id !== ctx.me.userId && rand() < 0.7) {
                ledger.rsvps.set(rsvpKey(m.id, member.id), { response: pick(['yes', 'yes', 'yes', 'no', 'maybe'] as const), respondedAt: now - DAY });
              }
            }
          }
        },
        'authority',
      );
    });
  });
  return { roomIds, meetingIds };
}
