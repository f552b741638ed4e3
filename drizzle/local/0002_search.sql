-- Search (issue 4), hand-written: drizzle's schema cannot express FTS5 tables, views or triggers, and
-- drizzle-kit leaves objects it does not know about alone. src-main/search/CONTEXT.md explains the parts.
-- The service fills these tables in the background when its SEARCH_SCHEMA_VERSION differs from the
-- stored one (also on the first start after this migration), so the migration itself stays instant.
CREATE TABLE `search_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_items` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`subtitle` text NOT NULL,
	`boardroom_id` text,
	`meeting_id` text,
	`at` integer,
	`deleted` integer NOT NULL,
	`clock` integer NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
--> statement-breakpoint
CREATE INDEX `search_items_clock_idx` ON `search_items` (`clock`);
--> statement-breakpoint
-- Rows deleted from a projection table wait here until the service checks that they stayed gone: the
-- Projector replaces a meeting's whole agenda on every edit (DELETE then INSERT), and a tombstone plus
-- a re-add per item per keystroke would churn the feed and the FTS index for nothing.
CREATE TABLE `search_dirty` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	PRIMARY KEY(`kind`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `search_snapshot` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`clock` integer NOT NULL,
	`data` blob NOT NULL,
	`saved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_text` (
	`blob_hash` text PRIMARY KEY NOT NULL,
	`pages` integer NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`extracted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_pages` (
	`id` integer PRIMARY KEY NOT NULL,
	`blob_hash` text NOT NULL,
	`page` integer NOT NULL,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_pages_blob_idx` ON `document_pages` (`blob_hash`, `page`);
--> statement-breakpoint
CREATE INDEX `documents_blob_idx` ON `documents` (`blob_hash`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `page_fts` USING fts5(text, content='document_pages', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TABLE `fulltext_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fulltext_keys_ref_idx` ON `fulltext_keys` (`kind`, `ref`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `fulltext` USING fts5(title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE VIEW `search_source_boardroom` AS
SELECT 'boardroom' AS kind, b.id AS id, b.name AS title, b.description AS subtitle, b.id AS boardroom_id,
	NULL AS meeting_id, b.created_at AS at, 0 AS deleted, b.rowid AS src
FROM boardrooms b;
--> statement-breakpoint
CREATE VIEW `search_source_meeting` AS
SELECT 'meeting' AS kind, m.id AS id, m.title AS title, coalesce(b.name, '') AS subtitle, m.boardroom_id AS boardroom_id,
	m.id AS meeting_id, m.scheduled_at AS at, 0 AS deleted, m.rowid AS src
FROM meetings m LEFT JOIN boardrooms b ON b.id = m.boardroom_id;
--> statement-breakpoint
CREATE VIEW `search_source_agenda` AS
SELECT 'agenda' AS kind, a.id AS id, a.title AS title,
	coalesce(m.title, '') || CASE WHEN a.presenter != '' THEN ' · ' || a.presenter ELSE '' END AS subtitle,
	m.boardroom_id AS boardroom_id, a.meeting_id AS meeting_id, m.scheduled_at AS at, 0 AS deleted, a.rowid AS src
FROM agenda_items a LEFT JOIN meetings m ON m.id = a.meeting_id;
--> statement-breakpoint
CREATE VIEW `search_source_action` AS
SELECT 'action' AS kind, x.id AS id, x.title AS title,
	CASE WHEN x.assignee != '' THEN x.assignee || ' · ' ELSE '' END || coalesce(m.title, '') AS subtitle,
	m.boardroom_id AS boardroom_id, x.meeting_id AS meeting_id, x.due AS at, 0 AS deleted, x.rowid AS src
FROM action_items x LEFT JOIN meetings m ON m.id = x.meeting_id;
--> statement-breakpoint
CREATE VIEW `search_source_decision` AS
SELECT 'decision' AS kind, d.id AS id, d.motion AS title, coalesce(b.name, '') AS subtitle, d.boardroom_id AS boardroom_id,
	d.meeting_id AS meeting_id, d.opened_at AS at, 0 AS deleted, d.rowid AS src
FROM decisions d LEFT JOIN boardrooms b ON b.id = d.boardroom_id;
--> statement-breakpoint
CREATE VIEW `search_source_document` AS
SELECT 'document' AS kind, d.id AS id, d.title AS title, coalesce(b.name, '') AS subtitle, d.boardroom_id AS boardroom_id,
	d.meeting_id AS meeting_id, d.created_at AS at, d.deleted_at IS NOT NULL AS deleted, d.rowid AS src
FROM documents d LEFT JOIN boardrooms b ON b.id = d.boardroom_id;
--> statement-breakpoint
CREATE VIEW `search_source_person` AS
SELECT 'person' AS kind, u.id AS id, u.name AS title, u.email AS subtitle, NULL AS boardroom_id, NULL AS meeting_id,
	NULL AS at, (u.active = 0 OR u.deleted_at IS NOT NULL) AS deleted, u.rowid AS src
FROM users u;
--> statement-breakpoint
CREATE VIEW `fulltext_source_agenda` AS
SELECT 'agenda' AS kind, a.id AS ref, a.title AS title, a.notes AS body, a.rowid AS src FROM agenda_items a;
--> statement-breakpoint
CREATE VIEW `fulltext_source_minutes` AS
SELECT 'minutes' AS kind, mi.meeting_id AS ref, coalesce(m.title, '') AS title, mi.text AS body, mi.rowid AS src
FROM minutes mi LEFT JOIN meetings m ON m.id = mi.meeting_id
WHERE trim(mi.text) != '';
--> statement-breakpoint
CREATE VIEW `fulltext_source_document` AS
SELECT 'document' AS kind, d.id AS ref, d.title AS title, d.description AS body, d.rowid AS src
FROM documents d WHERE d.deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `search_boardrooms_insert` AFTER INSERT ON `boardrooms` BEGIN
	DELETE FROM search_dirty WHERE kind = 'boardroom' AND id = NEW.id;
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_boardroom v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
END;
--> statement-breakpoint
CREATE TRIGGER `search_boardrooms_delete` AFTER DELETE ON `boardrooms` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('boardroom', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_meetings_insert` AFTER INSERT ON `meetings` BEGIN
	DELETE FROM search_dirty WHERE kind = 'meeting' AND id = NEW.id;
	-- A new or renamed meeting: its agenda and action items show its title as their subtitle.
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted,
		coalesce((SELECT max(clock) FROM search_items), 0) + row_number() OVER (ORDER BY v.kind, v.id)
	FROM (SELECT * FROM search_source_agenda WHERE meeting_id = NEW.id UNION ALL SELECT * FROM search_source_action WHERE meeting_id = NEW.id) v
	WHERE NOT EXISTS (SELECT 1 FROM search_items s WHERE s.kind = 'meeting' AND s.id = NEW.id AND s.title = NEW.title
		AND s.boardroom_id IS NEW.boardroom_id AND s.at IS NEW.scheduled_at AND s.deleted = 0);
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_meeting v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
	-- The minutes' full-text row carries the meeting title.
	DELETE FROM fulltext WHERE rowid = (SELECT id FROM fulltext_keys WHERE kind = 'minutes' AND ref = NEW.id)
		AND NOT EXISTS (SELECT 1 FROM fulltext_source_minutes v WHERE v.ref = NEW.id AND v.title = fulltext.title AND v.body = fulltext.body);
	INSERT INTO fulltext (rowid, title, body)
	SELECT k.id, v.title, v.body FROM fulltext_source_minutes v JOIN fulltext_keys k ON k.kind = 'minutes' AND k.ref = v.ref
	WHERE v.ref = NEW.id AND NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.rowid = k.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_meetings_delete` AFTER DELETE ON `meetings` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meeting', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_items_insert` AFTER INSERT ON `agenda_items` BEGIN
	DELETE FROM search_dirty WHERE kind = 'agenda' AND id = NEW.id;
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_agenda v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
	INSERT OR IGNORE INTO fulltext_keys (kind, ref) VALUES ('agenda', NEW.id);
	DELETE FROM fulltext WHERE rowid = (SELECT id FROM fulltext_keys WHERE kind = 'agenda' AND ref = NEW.id)
		AND NOT (title = NEW.title AND body = NEW.notes);
	INSERT INTO fulltext (rowid, title, body)
	SELECT k.id, NEW.title, NEW.notes FROM fulltext_keys k
	WHERE k.kind = 'agenda' AND k.ref = NEW.id AND NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.rowid = k.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_agenda_items_delete` AFTER DELETE ON `agenda_items` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('agenda', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_items_insert` AFTER INSERT ON `action_items` BEGIN
	DELETE FROM search_dirty WHERE kind = 'action' AND id = NEW.id;
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_action v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
END;
--> statement-breakpoint
CREATE TRIGGER `search_action_items_delete` AFTER DELETE ON `action_items` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('action', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_decisions_insert` AFTER INSERT ON `decisions` BEGIN
	DELETE FROM search_dirty WHERE kind = 'decision' AND id = NEW.id;
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_decision v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
END;
--> statement-breakpoint
CREATE TRIGGER `search_decisions_delete` AFTER DELETE ON `decisions` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('decision', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_insert` AFTER INSERT ON `documents` BEGIN
	DELETE FROM search_dirty WHERE kind = 'document' AND id = NEW.id;
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_document v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
	INSERT OR IGNORE INTO fulltext_keys (kind, ref) VALUES ('document', NEW.id);
	DELETE FROM fulltext WHERE rowid = (SELECT id FROM fulltext_keys WHERE kind = 'document' AND ref = NEW.id)
		AND NOT (NEW.deleted_at IS NULL AND title = NEW.title AND body = NEW.description);
	INSERT INTO fulltext (rowid, title, body)
	SELECT k.id, NEW.title, NEW.description FROM fulltext_keys k
	WHERE NEW.deleted_at IS NULL AND k.kind = 'document' AND k.ref = NEW.id AND NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.rowid = k.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_delete` AFTER DELETE ON `documents` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('document', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_users_insert` AFTER INSERT ON `users` BEGIN
	DELETE FROM search_dirty WHERE kind = 'person' AND id = NEW.id;
	INSERT OR REPLACE INTO search_items (kind, id, title, subtitle, boardroom_id, meeting_id, at, deleted, clock)
	SELECT v.kind, v.id, v.title, v.subtitle, v.boardroom_id, v.meeting_id, v.at, v.deleted, coalesce((SELECT max(clock) FROM search_items), 0) + 1
	FROM search_source_person v WHERE v.id = NEW.id AND NOT EXISTS (
		SELECT 1 FROM search_items s WHERE s.kind = v.kind AND s.id = v.id AND s.title = v.title AND s.subtitle = v.subtitle
		AND s.boardroom_id IS v.boardroom_id AND s.meeting_id IS v.meeting_id AND s.at IS v.at AND s.deleted = v.deleted);
END;
--> statement-breakpoint
CREATE TRIGGER `search_users_delete` AFTER DELETE ON `users` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('person', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_insert` AFTER INSERT ON `minutes` BEGIN
	DELETE FROM search_dirty WHERE kind = 'minutes' AND id = NEW.meeting_id;
	INSERT OR IGNORE INTO fulltext_keys (kind, ref) VALUES ('minutes', NEW.meeting_id);
	DELETE FROM fulltext WHERE rowid = (SELECT id FROM fulltext_keys WHERE kind = 'minutes' AND ref = NEW.meeting_id)
		AND NOT EXISTS (SELECT 1 FROM fulltext_source_minutes v WHERE v.ref = NEW.meeting_id AND v.title = fulltext.title AND v.body = fulltext.body);
	INSERT INTO fulltext (rowid, title, body)
	SELECT k.id, v.title, v.body FROM fulltext_source_minutes v JOIN fulltext_keys k ON k.kind = 'minutes' AND k.ref = v.ref
	WHERE v.ref = NEW.meeting_id AND NOT EXISTS (SELECT 1 FROM fulltext f WHERE f.rowid = k.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_minutes_delete` AFTER DELETE ON `minutes` BEGIN
	INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('minutes', OLD.meeting_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_document_pages_insert` AFTER INSERT ON `document_pages` BEGIN
	INSERT INTO page_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;
--> statement-breakpoint
CREATE TRIGGER `search_document_pages_delete` AFTER DELETE ON `document_pages` BEGIN
	INSERT INTO page_fts (page_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
