CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text,
	`client_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`order_id` text NOT NULL,
	`order_number` text,
	`status` text NOT NULL,
	`defect_type` text NOT NULL,
	`description` text NOT NULL,
	`lines` text NOT NULL,
	`amount` text NOT NULL,
	`resolution` text,
	`resolution_amount` text,
	`attachments` text NOT NULL,
	`history` text NOT NULL,
	`deadline_at` text,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	`updated_at` text NOT NULL,
	`erp_number` text,
	`erp_status` text,
	`erp_error` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `claims_client` ON `claims` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `claims_status` ON `claims` (`status`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `claims_order` ON `claims` (`order_id`);--> statement-breakpoint
CREATE TABLE `local_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`added_at` text NOT NULL,
	`pending_upload` integer NOT NULL,
	`uploaded_at` text,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `local_files_pending` ON `local_files` (`pending_upload`);--> statement-breakpoint
CREATE TABLE `order_claims` (
	`order_id` text PRIMARY KEY NOT NULL,
	`manager_id` integer NOT NULL,
	`claimed` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seen_notices` (
	`key` text PRIMARY KEY NOT NULL,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`manager_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`author_kind` text NOT NULL,
	`body` text NOT NULL,
	`attachments` text NOT NULL,
	`created_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket` ON `ticket_messages` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text,
	`client_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`assignee_id` integer NOT NULL,
	`category` text NOT NULL,
	`subject` text NOT NULL,
	`fields` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer NOT NULL,
	`first_response_at` text,
	`resolved_at` text,
	`closed_at` text,
	`history` text NOT NULL,
	`messages_count` integer NOT NULL,
	`last_message_at` text NOT NULL,
	`last_message_kind` text NOT NULL,
	`erp_number` text,
	`erp_error` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tickets_client` ON `tickets` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_assignee` ON `tickets` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_status` ON `tickets` (`status`);