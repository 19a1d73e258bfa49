ALTER TABLE `sales_plans` ADD `period` text DEFAULT 'month' NOT NULL;--> statement-breakpoint
ALTER TABLE `sales_plans` ADD `source` text DEFAULT 'erp' NOT NULL;--> statement-breakpoint
ALTER TABLE `sales_plans` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `sales_plans` ADD `set_by` integer;--> statement-breakpoint
ALTER TABLE `sales_plans` ADD `set_at` text;