CREATE TABLE "price_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"body" jsonb NOT NULL,
	"updated_by" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "client_group" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "coefficient_rules" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "price_types" ADD COLUMN "places" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
CREATE INDEX "price_rules_version" ON "price_rules" USING btree ("version");