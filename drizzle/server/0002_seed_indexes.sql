-- The seed's indexes (shared/seeds, Database Optimizations), verbatim. Where the seed names a column
-- ours calls differently, ours is used: votes (choice, voted_at) are (option, cast_at) here, and
-- meeting_participants (rsvp_status, attended) are (response, responded_at) (attendance is not
-- projected on the server). drizzle-kit cannot express INCLUDE or an expression GIN index, so these
-- live in this custom migration; server/db/schema.ts points here.
CREATE INDEX idx_meetings_boardroom_scheduled
ON meetings(boardroom_id, scheduled_at DESC)
WHERE status = 'scheduled';
--> statement-breakpoint
CREATE INDEX idx_meetings_participant_lookup
ON meeting_participants(user_id, meeting_id)
INCLUDE (response, responded_at);
--> statement-breakpoint
CREATE INDEX idx_decisions_boardroom_deadline
ON decisions(boardroom_id, deadline DESC)
WHERE status = 'open';
--> statement-breakpoint
CREATE INDEX idx_votes_user_decision
ON votes(user_id, decision_id)
INCLUDE (option, cast_at);
--> statement-breakpoint
CREATE INDEX idx_documents_boardroom_created
ON documents(boardroom_id, created_at DESC)
WHERE deleted_at IS NULL;
--> statement-breakpoint
-- Full text over title and description: the server has no extracted PDF text (the desktop extracts
-- it locally for its own FTS5 index and never uploads it).
CREATE INDEX idx_documents_search
ON documents USING gin(
  to_tsvector('english', title || ' ' || COALESCE(description, ''))
);
--> statement-breakpoint
CREATE INDEX idx_users_active
ON users(email, id)
WHERE active = true AND deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX idx_boardrooms_active_member
ON boardroom_members(boardroom_id, user_id)
WHERE active = true AND role != 'observer';
