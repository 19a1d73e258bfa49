ALTER TABLE "sales_plans" ADD COLUMN "period" text DEFAULT 'month' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_plans" ADD COLUMN "source" text DEFAULT 'erp' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_plans" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_plans" ADD COLUMN "set_by" integer;--> statement-breakpoint
ALTER TABLE "sales_plans" ADD COLUMN "set_at" timestamp with time zone;