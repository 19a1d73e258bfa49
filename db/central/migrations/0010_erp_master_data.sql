CREATE TABLE "erp_inbound_errors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "erp_inbound_errors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"feed" text NOT NULL,
	"position" text NOT NULL,
	"record_key" text,
	"message" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "erp_error" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "receivables" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "origin" text DEFAULT 'desk' NOT NULL;--> statement-breakpoint
CREATE INDEX "erp_inbound_errors_feed" ON "erp_inbound_errors" USING btree ("feed","id");