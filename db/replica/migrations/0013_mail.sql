CREATE TABLE `mail_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`client_id` integer,
	`manager_id` integer,
	`ticket_id` text,
	`ticket_message_id` text,
	`claim_id` text,
	`order_id` text,
	`from_address` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`error` text,
	`attempts` integer NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_messages_ticket` ON `mail_messages` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `mail_messages_state` ON `mail_messages` (`state`,`created_at`);