CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"boardroom_id" text,
	"action" text NOT NULL,
	"command_id" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blob_chunks" (
	"hash" text NOT NULL,
	"n" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "blob_chunks_hash_n_pk" PRIMARY KEY("hash","n")
);
--> statement-breakpoint
CREATE TABLE "blob_rooms" (
	"hash" text NOT NULL,
	"boardroom_id" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blob_rooms_hash_boardroom_id_pk" PRIMARY KEY("hash","boardroom_id")
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"hash" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boardroom_members" (
	"boardroom_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"added_at" bigint NOT NULL,
	CONSTRAINT "boardroom_members_boardroom_id_user_id_pk" PRIMARY KEY("boardroom_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "boardrooms" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commands" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"boardroom_id" text NOT NULL,
	"kind" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"boardroom_id" text NOT NULL,
	"meeting_id" text,
	"motion" text NOT NULL,
	"options" jsonb NOT NULL,
	"deadline" bigint NOT NULL,
	"status" text NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" bigint NOT NULL,
	"closed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"name" text NOT NULL,
	"refresh_hash" text,
	"previous_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_user_id_device_id_pk" PRIMARY KEY("user_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "doc_snapshots" (
	"doc_id" text PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL,
	"state_vector" "bytea" NOT NULL,
	"upto_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doc_updates" (
	"doc_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "doc_updates_doc_id_seq_pk" PRIMARY KEY("doc_id","seq")
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"meeting_id" text NOT NULL,
	"user_id" text NOT NULL,
	"boardroom_id" text NOT NULL,
	"response" text NOT NULL,
	"responded_at" bigint NOT NULL,
	CONSTRAINT "meeting_participants_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"boardroom_id" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"scheduled_at" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"decision_id" text NOT NULL,
	"user_id" text NOT NULL,
	"boardroom_id" text NOT NULL,
	"option" text NOT NULL,
	"cast_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blob_chunks" ADD CONSTRAINT "blob_chunks_hash_blobs_hash_fk" FOREIGN KEY ("hash") REFERENCES "public"."blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_rooms" ADD CONSTRAINT "blob_rooms_hash_blobs_hash_fk" FOREIGN KEY ("hash") REFERENCES "public"."blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_rooms" ADD CONSTRAINT "blob_rooms_boardroom_id_boardrooms_id_fk" FOREIGN KEY ("boardroom_id") REFERENCES "public"."boardrooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boardroom_members" ADD CONSTRAINT "boardroom_members_boardroom_id_boardrooms_id_fk" FOREIGN KEY ("boardroom_id") REFERENCES "public"."boardrooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boardroom_members" ADD CONSTRAINT "boardroom_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_boardroom_id_boardrooms_id_fk" FOREIGN KEY ("boardroom_id") REFERENCES "public"."boardrooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_boardroom_id_boardrooms_id_fk" FOREIGN KEY ("boardroom_id") REFERENCES "public"."boardrooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_room_idx" ON "audit_log" USING btree ("boardroom_id","id");--> statement-breakpoint
CREATE INDEX "blob_rooms_room_idx" ON "blob_rooms" USING btree ("boardroom_id");--> statement-breakpoint
CREATE INDEX "boardroom_members_user_idx" ON "boardroom_members" USING btree ("user_id","boardroom_id") WHERE "boardroom_members"."active";--> statement-breakpoint
CREATE INDEX "boardroom_members_room_voters_idx" ON "boardroom_members" USING btree ("boardroom_id","user_id") WHERE "boardroom_members"."active" AND "boardroom_members"."role" <> 'observer';--> statement-breakpoint
CREATE INDEX "decisions_open_by_deadline_idx" ON "decisions" USING btree ("boardroom_id","deadline" DESC NULLS LAST) WHERE "decisions"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "devices_refresh_hash_unique" ON "devices" USING btree ("refresh_hash");--> statement-breakpoint
CREATE INDEX "meeting_participants_user_idx" ON "meeting_participants" USING btree ("user_id","meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_upcoming_idx" ON "meetings" USING btree ("boardroom_id","scheduled_at" DESC NULLS LAST) WHERE "meetings"."status" = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_email_active_idx" ON "users" USING btree ("email","id") WHERE "users"."active" AND "users"."deleted_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "votes_one_per_member" ON "votes" USING btree ("decision_id","user_id");--> statement-breakpoint
CREATE INDEX "votes_user_idx" ON "votes" USING btree ("user_id","decision_id");