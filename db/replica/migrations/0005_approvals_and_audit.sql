CREATE TABLE `price_approvals` (
	`order_id` text PRIMARY KEY NOT NULL,
	`manager_id` integer NOT NULL,
	`status` text NOT NULL,
	`lines` text NOT NULL,
	`credit` text,
	`approved` text NOT NULL,
	`credit_up_to` text,
	`given_away` text NOT NULL,
	`note` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`comment` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `price_approvals_status` ON `price_approvals` (`status`);--> statement-breakpoint
CREATE TABLE `price_audit` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`user_id` integer NOT NULL,
	`manager_id` integer,
	`entity` text NOT NULL,
	`entity_key` text NOT NULL,
	`order_id` text,
	`old` text,
	`new` text,
	`reason` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `price_audit_entity` ON `price_audit` (`entity`,`entity_key`);--> statement-breakpoint
CREATE INDEX `price_audit_order` ON `price_audit` (`order_id`);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `override_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `override_note` text DEFAULT '' NOT NULL;