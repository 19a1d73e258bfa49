CREATE TABLE "attachment_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text,
	"client_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"order_id" text NOT NULL,
	"order_number" text,
	"status" text NOT NULL,
	"defect_type" text NOT NULL,
	"description" text NOT NULL,
	"lines" jsonb NOT NULL,
	"amount" numeric(17, 2) NOT NULL,
	"resolution" text,
	"resolution_amount" numeric(17, 2),
	"attachments" jsonb NOT NULL,
	"history" jsonb NOT NULL,
	"deadline_at" text,
	"created_at" text NOT NULL,
	"created_by" integer NOT NULL,
	"updated_at" text NOT NULL,
	"erp_number" text,
	"erp_status" text,
	"erp_error" text,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_claims" (
	"order_id" text PRIMARY KEY NOT NULL,
	"manager_id" integer NOT NULL,
	"claimed" jsonb NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"manager_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"author_kind" text NOT NULL,
	"body" text NOT NULL,
	"attachments" jsonb NOT NULL,
	"created_at" text NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text,
	"client_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"assignee_id" integer NOT NULL,
	"category" text NOT NULL,
	"subject" text NOT NULL,
	"fields" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" text NOT NULL,
	"created_by" integer NOT NULL,
	"first_response_at" text,
	"resolved_at" text,
	"closed_at" text,
	"history" jsonb NOT NULL,
	"messages_count" integer NOT NULL,
	"last_message_at" text NOT NULL,
	"last_message_kind" text NOT NULL,
	"erp_number" text,
	"erp_error" text,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "claims_version" ON "claims" USING btree ("version");--> statement-breakpoint
CREATE INDEX "claims_manager" ON "claims" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "claims_client" ON "claims" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "claims_order" ON "claims" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_claims_version" ON "order_claims" USING btree ("version");--> statement-breakpoint
CREATE INDEX "order_claims_manager" ON "order_claims" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "ticket_messages_version" ON "ticket_messages" USING btree ("version");--> statement-breakpoint
CREATE INDEX "ticket_messages_manager" ON "ticket_messages" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "ticket_messages_ticket" ON "ticket_messages" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_version" ON "tickets" USING btree ("version");--> statement-breakpoint
CREATE INDEX "tickets_manager" ON "tickets" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "tickets_client" ON "tickets" USING btree ("client_id");