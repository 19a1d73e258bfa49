CREATE TABLE "erp_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"doc_date" text NOT NULL,
	"client_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"order_id" text,
	"amount" numeric(17, 2),
	"title" text DEFAULT '' NOT NULL,
	"sha256" text,
	"size" integer,
	"issued_at" timestamp with time zone NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "erp_documents_version" ON "erp_documents" USING btree ("version");--> statement-breakpoint
CREATE INDEX "erp_documents_manager" ON "erp_documents" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "erp_documents_client" ON "erp_documents" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "erp_documents_order" ON "erp_documents" USING btree ("order_id");