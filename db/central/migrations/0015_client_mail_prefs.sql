CREATE TABLE "client_mail_prefs" (
	"client_id" integer PRIMARY KEY NOT NULL,
	"manager_id" integer NOT NULL,
	"shipped_to" jsonb NOT NULL,
	"version" bigint DEFAULT nextval('row_version') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "client_mail_prefs_version" ON "client_mail_prefs" USING btree ("version");--> statement-breakpoint
CREATE INDEX "client_mail_prefs_manager" ON "client_mail_prefs" USING btree ("manager_id");