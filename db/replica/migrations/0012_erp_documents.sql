CREATE TABLE `document_files` (
	`document_id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `erp_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`doc_date` text NOT NULL,
	`client_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`order_id` text,
	`amount` text,
	`title` text DEFAULT '' NOT NULL,
	`sha256` text,
	`size` integer,
	`issued_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `erp_documents_client` ON `erp_documents` (`client_id`);--> statement-breakpoint
CREATE INDEX `erp_documents_order` ON `erp_documents` (`order_id`);--> statement-breakpoint
ALTER TABLE `items` ADD `description` text DEFAULT '' NOT NULL;