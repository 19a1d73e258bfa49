CREATE TABLE `sales_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`group_name` text NOT NULL,
	`month` text NOT NULL,
	`amount` text NOT NULL,
	`bonus_percent` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sales_plans_month` ON `sales_plans` (`month`);--> statement-breakpoint
CREATE INDEX `orders_submitted` ON `orders` (`submitted_at`);