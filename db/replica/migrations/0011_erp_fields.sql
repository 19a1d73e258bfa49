ALTER TABLE `clients` ADD `erp_error` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `receivables` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `origin` text DEFAULT 'desk' NOT NULL;