CREATE TABLE "action_items" (
	"meeting_id" text NOT NULL,
	"id" text NOT NULL,
	"title" text NOT NULL,
	"assignee" text DEFAULT '' NOT NULL,
	"due" bigint,
	"done" boolean DEFAULT false NOT NULL,
	"created_at" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "action_items_meeting_id_id_pk" PRIMARY KEY("meeting_id","id")
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"meeting_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"duration_minutes" integer DEFAULT 10 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"document_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "agenda_items_meeting_id_id_pk" PRIMARY KEY("meeting_id","id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" text PRIMARY KEY NOT NULL,
	"boardroom_id" text NOT NULL,
	"meeting_id" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"blob_hash" text DEFAULT '' NOT NULL,
	"mime" text DEFAULT 'application/octet-stream' NOT NULL,
	"size" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint DEFAULT 0 NOT NULL,
	"deleted_at" bigint
);
--> statement-breakpoint
DROP INDEX "boardroom_members_room_voters_idx";--> statement-breakpoint
DROP INDEX "decisions_open_by_deadline_idx";--> statement-breakpoint
DROP INDEX "meeting_participants_user_idx";--> statement-breakpoint
DROP INDEX "meetings_upcoming_idx";--> statement-breakpoint
DROP INDEX "users_email_active_idx";--> statement-breakpoint
DROP INDEX "votes_user_idx";--> statement-breakpoint
ALTER TABLE "boardrooms" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "boardrooms" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "duration_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "location" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "video_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "removed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_boardroom_id_boardrooms_id_fk" FOREIGN KEY ("boardroom_id") REFERENCES "public"."boardrooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_meeting_idx" ON "documents" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "decisions_meeting_idx" ON "decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_boardroom_time_idx" ON "meetings" USING btree ("boardroom_id","scheduled_at");