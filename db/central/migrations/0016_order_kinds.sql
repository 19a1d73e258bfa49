ALTER TABLE "order_lines" ADD COLUMN "held" numeric(15, 3);--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "secured" numeric(15, 3);--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "converted" numeric(15, 3) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "from_line_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "held_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "hold_state" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "hold_request" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "hold_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "from_order_id" text;