CREATE TABLE "seasonal_commitments" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"client_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"unit" text NOT NULL,
	"amount" numeric(17, 3) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seasonal_programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"season" text DEFAULT '' NOT NULL,
	"order_from" text NOT NULL,
	"order_to" text NOT NULL,
	"groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bonus_steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "programme_id" text;--> statement-breakpoint
CREATE INDEX "seasonal_commitments_version" ON "seasonal_commitments" USING btree ("version");--> statement-breakpoint
CREATE INDEX "seasonal_commitments_manager" ON "seasonal_commitments" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "seasonal_programmes_version" ON "seasonal_programmes" USING btree ("version");