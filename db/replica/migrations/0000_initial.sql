CREATE TABLE `clients` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`inn` text NOT NULL,
	`price_type_id` integer NOT NULL,
	`coefficient` text NOT NULL,
	`credit_limit` text NOT NULL,
	`overdue` text NOT NULL,
	`manager_id` integer NOT NULL,
	`payment_terms` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `clients_manager` ON `clients` (`manager_id`);--> statement-breakpoint
CREATE TABLE `desk_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY NOT NULL,
	`article` text NOT NULL,
	`name` text NOT NULL,
	`manufacturer` text NOT NULL,
	`group_name` text NOT NULL,
	`unit` text NOT NULL,
	`pack_size` integer NOT NULL,
	`attributes` text NOT NULL,
	`analog_group` integer,
	`lifecycle` text NOT NULL,
	`vat_rate` text NOT NULL,
	`key_lookalike` text NOT NULL,
	`key_translit` text NOT NULL,
	`search_text` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `items_key_lookalike` ON `items` (`key_lookalike`);--> statement-breakpoint
CREATE INDEX `items_key_translit` ON `items` (`key_translit`);--> statement-breakpoint
CREATE INDEX `items_analog_group` ON `items` (`analog_group`);--> statement-breakpoint
CREATE TABLE `price_types` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`with_vat` integer NOT NULL,
	`is_base` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `prices` (
	`item_id` integer NOT NULL,
	`price_type_id` integer NOT NULL,
	`price` text NOT NULL,
	`as_of` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`item_id`, `price_type_id`)
);
--> statement-breakpoint
CREATE TABLE `stock` (
	`item_id` integer NOT NULL,
	`warehouse_id` integer NOT NULL,
	`quantity` real NOT NULL,
	`lead_days` integer,
	`as_of` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`item_id`, `warehouse_id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`supervisor_id` integer,
	`active` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `warehouses` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text NOT NULL,
	`version` integer NOT NULL
);
