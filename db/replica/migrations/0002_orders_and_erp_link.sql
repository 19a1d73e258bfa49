CREATE TABLE `erp_link` (
	`id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`since` text,
	`pending` integer NOT NULL,
	`parked` integer NOT NULL,
	`oldest_pending_at` text,
	`checked_at` text,
	`last_error` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `order_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`manager_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` text NOT NULL,
	`price` text NOT NULL,
	`price_source` text NOT NULL,
	`discount` text NOT NULL,
	`amount` text NOT NULL,
	`warehouse_id` integer,
	`comment` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `order_lines_order` ON `order_lines` (`order_id`,`line_no`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text,
	`client_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`warehouse_id` integer NOT NULL,
	`delivery_date` text,
	`comment` text NOT NULL,
	`lines_count` integer NOT NULL,
	`total` text NOT NULL,
	`created_at` text NOT NULL,
	`submitted_at` text,
	`erp_number` text,
	`erp_status_at` text,
	`erp_error` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `orders_client` ON `orders` (`client_id`);--> statement-breakpoint
CREATE INDEX `orders_status` ON `orders` (`status`);--> statement-breakpoint
ALTER TABLE `clients` ADD `receivables_as_of` text;--> statement-breakpoint
ALTER TABLE `warehouses` ADD `stock_as_of` text;