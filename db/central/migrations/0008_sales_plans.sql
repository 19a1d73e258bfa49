CREATE TABLE "sales_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"group_name" text NOT NULL,
	"month" text NOT NULL,
	"amount" numeric(17, 2) NOT NULL,
	"bonus_percent" numeric(5, 2) NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sales_plans_version" ON "sales_plans" USING btree ("version");--> statement-breakpoint
CREATE INDEX "sales_plans_manager" ON "sales_plans" USING btree ("manager_id");