ALTER TABLE "selections" ADD COLUMN "method" text DEFAULT 'approval' NOT NULL;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "panel" jsonb;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "ranking" jsonb;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_method_check" CHECK ("selections"."method" in ('approval', 'panel'));