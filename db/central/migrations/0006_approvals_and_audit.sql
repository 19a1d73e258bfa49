CREATE TABLE "price_approvals" (
	"order_id" text PRIMARY KEY NOT NULL,
	"manager_id" integer NOT NULL,
	"status" text NOT NULL,
	"lines" jsonb NOT NULL,
	"credit" jsonb,
	"approved" jsonb NOT NULL,
	"credit_up_to" numeric(17, 2),
	"given_away" numeric(17, 2) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" text NOT NULL,
	"decided_by" integer,
	"decided_at" text,
	"comment" text DEFAULT '' NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_audit" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_audit_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" text NOT NULL,
	"user_id" integer NOT NULL,
	"manager_id" integer,
	"entity" text NOT NULL,
	"entity_key" text NOT NULL,
	"order_id" text,
	"old" jsonb,
	"new" jsonb,
	"reason" text DEFAULT '' NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "override_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "override_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "price_approvals_version" ON "price_approvals" USING btree ("version");--> statement-breakpoint
CREATE INDEX "price_approvals_manager" ON "price_approvals" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "price_audit_version" ON "price_audit" USING btree ("version");--> statement-breakpoint
CREATE INDEX "price_audit_manager" ON "price_audit" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "price_audit_entity" ON "price_audit" USING btree ("entity","entity_key");