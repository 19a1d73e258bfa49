ALTER TABLE `clients` ADD `agreements` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `cost` text DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `weight_kg` text DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `volume_m3` text DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `cost` text DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `cost_total` text DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `agreement` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_method` text DEFAULT 'delivery' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivery_address` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The new columns arrive with the server's rows: pull everything again from the start (rows are upserted, pending changes stay in the outbox).
DELETE FROM `desk_state` WHERE `key` = 'cursor';
