CREATE TABLE "mail_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"client_id" integer,
	"manager_id" integer,
	"ticket_id" text,
	"ticket_message_id" text,
	"claim_id" text,
	"order_id" text,
	"from_address" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" text NOT NULL,
	"sent_at" text,
	"message_id" text DEFAULT '' NOT NULL,
	"in_reply_to" text,
	"body_text" text DEFAULT '' NOT NULL,
	"body_html" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"original" text,
	"next_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_taken" (
	"mailbox" text NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"message_id" text,
	"mail_id" text,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_taken_mailbox_uid_validity_uid_pk" PRIMARY KEY("mailbox","uid_validity","uid")
);
--> statement-breakpoint
CREATE INDEX "mail_messages_version" ON "mail_messages" USING btree ("version");--> statement-breakpoint
CREATE INDEX "mail_messages_manager" ON "mail_messages" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "mail_messages_ticket" ON "mail_messages" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "mail_messages_message_id" ON "mail_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_due" ON "mail_messages" USING btree ("state","next_at");--> statement-breakpoint
CREATE INDEX "mail_taken_message_id" ON "mail_taken" USING btree ("message_id");