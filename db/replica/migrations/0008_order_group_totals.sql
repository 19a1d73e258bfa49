CREATE TABLE `order_group_totals` (
	`order_id` text NOT NULL,
	`group_name` text NOT NULL,
	`sales` integer NOT NULL,
	`cost` integer NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`order_id`, `group_name`)
);
--> statement-breakpoint
CREATE INDEX `order_group_totals_group` ON `order_group_totals` (`group_name`);--> statement-breakpoint
CREATE TABLE `order_totals_stale` (
	`order_id` text PRIMARY KEY NOT NULL
);

--> statement-breakpoint
-- Totals of the lines already here; from now on main/replica.ts keeps them with every write.
INSERT INTO `order_group_totals` (order_id, group_name, sales, cost, lines)
  SELECT l.order_id, coalesce(i.group_name, ''), SUM(CAST(ROUND(l.amount * 100) AS INTEGER)),
    SUM(((CAST(ROUND(l.quantity * 1000) AS INTEGER) * CAST(ROUND(l.cost * 10000) AS INTEGER) + 50000) / 100000)), COUNT(*)
  FROM order_lines l LEFT JOIN items i ON i.id = l.item_id GROUP BY 1, 2;
