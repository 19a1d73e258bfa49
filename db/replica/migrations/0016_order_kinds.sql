ALTER TABLE `order_lines` ADD `held` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `secured` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `converted` text DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `from_line_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `held_until` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_state` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_request` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_warned_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `from_order_id` text;