ALTER TABLE `clients` ADD `erp_error` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `receivables` text;