CREATE TABLE `notification_prefs` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`muted` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref_kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`params` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text,
	`told_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_created` ON `notifications` (`created_at`);