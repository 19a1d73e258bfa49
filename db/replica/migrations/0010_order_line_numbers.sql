ALTER TABLE `orders` ADD `last_line_no` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The desk numbers new lines optimistically from here until the server's numbers arrive.
UPDATE `orders` SET `last_line_no` = coalesce((SELECT max(`line_no`) FROM `order_lines` WHERE `order_id` = `orders`.`id`), 0);
