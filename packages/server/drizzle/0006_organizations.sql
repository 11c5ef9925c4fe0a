CREATE TABLE "role_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"organization_id" integer,
	"campaign_id" text,
	"unit_id" text,
	"indicator_id" text,
	CONSTRAINT "role_grants_role_check" CHECK ("role_grants"."role" in ('admin', 'organizer', 'scorer', 'reporter', 'leader')),
	CONSTRAINT "role_grants_scope_check" CHECK (("role_grants"."organization_id" is null) <> ("role_grants"."campaign_id" is null))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "parent_id" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "kind" text DEFAULT 'county' NOT NULL;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_grants_user_idx" ON "role_grants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "role_grants_campaign_idx" ON "role_grants" USING btree ("campaign_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_id_organizations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_kind_check" CHECK ("organizations"."kind" in ('county', 'town', 'village', 'department'));--> statement-breakpoint
-- Written by hand: existing data moves to the new model. Every organization stays where it was (a
-- root: the installation's own 县委组织部), and with it every user and campaign. A user's single role
-- becomes one role grant: admins, organizers and leaders on their organization; reporters and scorers
-- on each campaign they were assigned to (a scorer assigned nowhere keeps reading the organization's
-- campaigns, as before; a reporter assigned nowhere keeps the role and reaches nothing, as before).
INSERT INTO "role_grants" ("user_id", "role", "organization_id")
	SELECT u."id", u."role", u."organization_id" FROM "users" u
	WHERE u."role" IN ('admin', 'organizer', 'leader')
		OR NOT EXISTS (SELECT 1 FROM "user_assignments" a WHERE a."user_id" = u."id")
	ORDER BY u."id";--> statement-breakpoint
INSERT INTO "role_grants" ("user_id", "role", "campaign_id", "unit_id", "indicator_id")
	SELECT a."user_id", u."role", a."campaign_id", a."unit_id", a."indicator_id"
	FROM "user_assignments" a JOIN "users" u ON u."id" = a."user_id"
	WHERE u."role" IN ('scorer', 'reporter')
	ORDER BY a."id";--> statement-breakpoint
DROP TABLE "user_assignments" CASCADE;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_check";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "role";
