ALTER TABLE "commitment_items" DROP CONSTRAINT "commitment_items_benchmark_check";--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "meeting_id" integer;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_meeting_id_review_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."review_meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commitments_meeting_unit_key" ON "commitments" USING btree ("meeting_id","unit_id");--> statement-breakpoint
ALTER TABLE "commitment_items" ADD CONSTRAINT "commitment_items_benchmark_check" CHECK ("commitment_items"."benchmark" in ('national', 'province', 'city', 'county', 'indicator', 'none'));