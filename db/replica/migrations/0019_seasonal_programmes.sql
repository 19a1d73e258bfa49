CREATE TABLE `seasonal_commitments` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`client_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`unit` text NOT NULL,
	`amount` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`set_by` integer,
	`set_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `seasonal_commitments_programme` ON `seasonal_commitments` (`programme_id`,`client_id`);--> statement-breakpoint
CREATE TABLE `seasonal_programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`season` text DEFAULT '' NOT NULL,
	`order_from` text NOT NULL,
	`order_to` text NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`item_ids` text DEFAULT '[]' NOT NULL,
	`bonus_steps` text DEFAULT '[]' NOT NULL,
	`updated_by` integer,
	`updated_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `programme_id` text;