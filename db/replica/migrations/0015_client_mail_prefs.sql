CREATE TABLE `client_mail_prefs` (
	`client_id` integer PRIMARY KEY NOT NULL,
	`manager_id` integer NOT NULL,
	`shipped_to` text NOT NULL,
	`version` integer NOT NULL
);
