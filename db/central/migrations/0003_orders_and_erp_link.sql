CREATE TABLE "erp_link" (
	"id" integer PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"since" timestamp with time zone,
	"pending" integer DEFAULT 0 NOT NULL,
	"parked" integer DEFAULT 0 NOT NULL,
	"oldest_pending_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"last_error" text,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "erp_outbox_audit" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "erp_outbox_audit_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"outbox_id" bigint NOT NULL,
	"action" text NOT NULL,
	"user_id" integer NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"manager_id" integer NOT NULL,
	"line_no" integer NOT NULL,
	"item_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"price" numeric(15, 4) NOT NULL,
	"price_source" text NOT NULL,
	"discount" numeric(5, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(17, 2) NOT NULL,
	"warehouse_id" integer,
	"comment" text DEFAULT '' NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text,
	"client_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"warehouse_id" integer NOT NULL,
	"delivery_date" text,
	"comment" text DEFAULT '' NOT NULL,
	"lines_count" integer DEFAULT 0 NOT NULL,
	"total" numeric(17, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"erp_number" text,
	"erp_status_at" timestamp with time zone,
	"erp_error" text,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "receivables_as_of" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "stock_as_of" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "erp_link_version" ON "erp_link" USING btree ("version");--> statement-breakpoint
CREATE INDEX "erp_outbox_audit_outbox" ON "erp_outbox_audit" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "order_lines_version" ON "order_lines" USING btree ("version");--> statement-breakpoint
CREATE INDEX "order_lines_manager" ON "order_lines" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "order_lines_order" ON "order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "orders_version" ON "orders" USING btree ("version");--> statement-breakpoint
CREATE INDEX "orders_manager" ON "orders" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "orders_erp_number" ON "orders" USING btree ("erp_number");--> statement-breakpoint
INSERT INTO "erp_link" ("id", "state") VALUES (1, 'unknown') ON CONFLICT DO NOTHING;