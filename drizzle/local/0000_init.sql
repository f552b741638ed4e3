CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`title` text NOT NULL,
	`assignee` text NOT NULL,
	`due` integer,
	`done` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `action_items_meeting_idx` ON `action_items` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`presenter` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`notes` text NOT NULL,
	`document_ids` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agenda_items_meeting_idx` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `blob_chunks` (
	`hash` text NOT NULL,
	`n` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`hash`, `n`)
);
--> statement-breakpoint
CREATE TABLE `blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`created_at` integer NOT NULL,
	`pinned` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `boardroom_members` (
	`boardroom_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`active` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`boardroom_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `boardroom_members_active_idx` ON `boardroom_members` (`boardroom_id`,`user_id`) WHERE active = 1 AND role != 'observer';--> statement-breakpoint
CREATE INDEX `boardroom_members_user_idx` ON `boardroom_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `boardrooms` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `commands` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`applied_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`boardroom_id` text NOT NULL,
	`meeting_id` text,
	`motion` text NOT NULL,
	`options` text NOT NULL,
	`deadline` integer NOT NULL,
	`status` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE INDEX `decisions_open_idx` ON `decisions` (`boardroom_id`,"deadline" DESC) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `decisions_room_idx` ON `decisions` (`boardroom_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`boardroom_id` text NOT NULL,
	`meeting_id` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`blob_hash` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `documents_room_live_idx` ON `documents` (`boardroom_id`,"created_at" DESC) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `documents_meeting_idx` ON `documents` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `meeting_participants` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`boardroom_id` text NOT NULL,
	`response` text NOT NULL,
	`responded_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `meeting_participants_user_idx` ON `meeting_participants` (`user_id`,`meeting_id`);--> statement-breakpoint
CREATE INDEX `meeting_participants_room_idx` ON `meeting_participants` (`boardroom_id`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`boardroom_id` text NOT NULL,
	`title` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`status` text NOT NULL,
	`location` text NOT NULL,
	`video_url` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meetings_upcoming_idx` ON `meetings` (`boardroom_id`,"scheduled_at" DESC) WHERE status = 'scheduled';--> statement-breakpoint
CREATE INDEX `meetings_room_date_idx` ON `meetings` (`boardroom_id`,`scheduled_at`,`id`);--> statement-breakpoint
CREATE TABLE `minutes` (
	`meeting_id` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`status` text DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`doc_id` text PRIMARY KEY NOT NULL,
	`server_state_vector` blob,
	`pending_changes` integer DEFAULT 0 NOT NULL,
	`pushed_at` integer,
	`pulled_at` integer
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `users_email_active_idx` ON `users` (`email`,`id`) WHERE active = 1 AND deleted_at IS NULL;--> statement-breakpoint
CREATE TABLE `votes` (
	`decision_id` text NOT NULL,
	`user_id` text NOT NULL,
	`boardroom_id` text NOT NULL,
	`option` text NOT NULL,
	`cast_at` real NOT NULL,
	PRIMARY KEY(`decision_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `votes_user_idx` ON `votes` (`user_id`,`decision_id`);--> statement-breakpoint
CREATE INDEX `votes_room_idx` ON `votes` (`boardroom_id`);--> statement-breakpoint
CREATE TABLE `y_snapshots` (
	`doc_id` text PRIMARY KEY NOT NULL,
	`data` blob NOT NULL,
	`state_vector` blob NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `y_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_id` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `y_updates_doc_idx` ON `y_updates` (`doc_id`,`id`);