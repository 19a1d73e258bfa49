CREATE TABLE `price_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`updated_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `clients` ADD `client_group` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `coefficient_rules` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `price_types` ADD `places` integer DEFAULT 4 NOT NULL;--> statement-breakpoint
-- Price rules, client groups and coefficients arrive with the server's rows: pull everything again.
DELETE FROM `desk_state` WHERE `key` = 'cursor';
