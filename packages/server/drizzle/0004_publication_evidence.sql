CREATE TABLE "bulletins" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"change_note" text,
	"content" jsonb NOT NULL,
	"content_json" text,
	"content_hash" text,
	"docx" "bytea",
	"xlsx" "bytea",
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone,
	CONSTRAINT "bulletins_status_check" CHECK ("bulletins"."status" in ('draft', 'published'))
);
--> statement-breakpoint
CREATE TABLE "figure_evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"indicator_id" text NOT NULL,
	"period" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kiosk_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "figures" ADD COLUMN "explanation" text;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figure_evidence" ADD CONSTRAINT "figure_evidence_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figure_evidence" ADD CONSTRAINT "figure_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_tokens" ADD CONSTRAINT "kiosk_tokens_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosk_tokens" ADD CONSTRAINT "kiosk_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_campaign_period_version_key" ON "bulletins" USING btree ("campaign_id","period","version");--> statement-breakpoint
CREATE INDEX "bulletins_campaign_published_idx" ON "bulletins" USING btree ("campaign_id","published_at");--> statement-breakpoint
CREATE INDEX "figure_evidence_figure_idx" ON "figure_evidence" USING btree ("campaign_id","unit_id","indicator_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "kiosk_tokens_token_hash_key" ON "kiosk_tokens" USING btree ("token_hash");--> statement-breakpoint
-- A published bulletin is frozen: its row can no longer change or disappear (a correction is a new
-- version). Drafts stay editable and deletable. Written by hand: drizzle-kit does not model triggers.
CREATE FUNCTION "bulletins_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD."status" = 'published' THEN
		RAISE EXCEPTION 'bulletin % is published and frozen', OLD."id";
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN OLD;
	END IF;
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "bulletins_no_change_after_publication" BEFORE UPDATE OR DELETE ON "bulletins" FOR EACH ROW EXECUTE FUNCTION "bulletins_frozen"();
