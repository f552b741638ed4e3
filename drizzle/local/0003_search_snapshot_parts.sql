-- The palette's snapshot, stored as plain text in parts instead of one deflated row (issue 4): at
-- 210,000 items inflating 15 MB back to 42 MB took 250-650 ms of every start-up, and writing one
-- 15 MB row held main's loop ~200 ms. Parts of a new generation are written one per turn, then the
-- head row points at it and the old parts are deleted a few at a time (src-main/search/snapshot-store.ts).
-- The old deflated snapshot is dropped: the worker builds its index from the feed once and saves anew.
DROP TABLE `search_snapshot`;
--> statement-breakpoint
CREATE TABLE `search_snapshot` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`clock` integer NOT NULL,
	`generation` integer NOT NULL,
	`parts` integer NOT NULL,
	`chars` integer NOT NULL,
	`saved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_snapshot_parts` (
	`generation` integer NOT NULL,
	`part` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY (`generation`, `part`)
);
