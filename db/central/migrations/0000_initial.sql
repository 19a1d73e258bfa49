CREATE SEQUENCE "public"."row_version" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "clients" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"inn" text NOT NULL,
	"price_type_id" integer NOT NULL,
	"coefficient" numeric(8, 4) NOT NULL,
	"credit_limit" numeric(15, 2) NOT NULL,
	"overdue" numeric(15, 2) NOT NULL,
	"manager_id" integer NOT NULL,
	"payment_terms" text NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" integer PRIMARY KEY NOT NULL,
	"article" text NOT NULL,
	"name" text NOT NULL,
	"manufacturer" text NOT NULL,
	"group_name" text NOT NULL,
	"unit" text NOT NULL,
	"pack_size" integer NOT NULL,
	"attributes" jsonb NOT NULL,
	"analog_group" integer,
	"lifecycle" text NOT NULL,
	"vat_rate" numeric(5, 2) NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_types" (
	"id" integer PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"with_vat" boolean NOT NULL,
	"is_base" boolean DEFAULT false NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prices" (
	"item_id" integer NOT NULL,
	"price_type_id" integer NOT NULL,
	"price" numeric(15, 4) NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "prices_item_id_price_type_id_pk" PRIMARY KEY("item_id","price_type_id")
);
--> statement-breakpoint
CREATE TABLE "server_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock" (
	"item_id" integer NOT NULL,
	"warehouse_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"lead_days" integer,
	"as_of" timestamp with time zone NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "stock_item_id_warehouse_id_pk" PRIMARY KEY("item_id","warehouse_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"supervisor_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"password_hash" text NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "users_login_unique" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" integer PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "clients_version" ON "clients" USING btree ("version");--> statement-breakpoint
CREATE INDEX "clients_manager" ON "clients" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "items_version" ON "items" USING btree ("version");--> statement-breakpoint
CREATE INDEX "items_article" ON "items" USING btree ("article");--> statement-breakpoint
CREATE INDEX "price_types_version" ON "price_types" USING btree ("version");--> statement-breakpoint
CREATE INDEX "prices_version" ON "prices" USING btree ("version");--> statement-breakpoint
CREATE INDEX "stock_version" ON "stock" USING btree ("version");--> statement-breakpoint
CREATE INDEX "users_version" ON "users" USING btree ("version");--> statement-breakpoint
CREATE INDEX "warehouses_version" ON "warehouses" USING btree ("version");