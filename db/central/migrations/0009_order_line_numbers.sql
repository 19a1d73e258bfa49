ALTER TABLE "orders" ADD COLUMN "last_line_no" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Lines sharing a number in one order (two desks added lines at once, before numbers came from the
-- order): numbered again in the order they were written, with new versions so every desk takes them.
UPDATE "order_lines" l SET "line_no" = n.rn, "version" = nextval('row_version')
FROM (
  SELECT id, row_number() OVER (PARTITION BY order_id ORDER BY line_no, version, id) AS rn FROM "order_lines"
  WHERE NOT deleted AND order_id IN (
    SELECT order_id FROM "order_lines" WHERE NOT deleted GROUP BY order_id, line_no HAVING count(*) > 1
  )
) n
WHERE l.id = n.id AND l.line_no <> n.rn;--> statement-breakpoint
-- The last number each order gave, deleted lines included: their numbers are never given again.
UPDATE "orders" o SET "last_line_no" = m.last
FROM (SELECT order_id, max(line_no) AS last FROM "order_lines" GROUP BY order_id) m
WHERE o.id = m.order_id;--> statement-breakpoint
UPDATE "sync_head" SET "version" = GREATEST("version", (SELECT last_value FROM row_version)) WHERE id = 1;
