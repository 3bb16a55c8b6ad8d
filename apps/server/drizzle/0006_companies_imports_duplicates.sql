CREATE TABLE "companies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"industry" text,
	"size" text,
	"region" text,
	"parent_id" uuid,
	"legal_name" text,
	"registration_id" text,
	"address" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enriched_at" timestamp with time zone,
	"enrichment_provider" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_imports" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"stored_path" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb,
	"dedupe_mode" text,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"task_id" uuid,
	"total_rows" integer,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"rejected_count" integer DEFAULT 0 NOT NULL,
	"error_report_path" text,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_imports_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_duplicate_dismissals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lead_a_id" uuid NOT NULL,
	"lead_b_id" uuid NOT NULL,
	"dismissed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_duplicate_dismissals_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
DROP INDEX "field_definitions_workspace_key_key";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "company_id" uuid;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD COLUMN "entity" text DEFAULT 'lead' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_parent_fk" FOREIGN KEY ("workspace_id","parent_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE SET NULL ("parent_id");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_duplicate_dismissals" ADD CONSTRAINT "lead_duplicate_dismissals_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_workspace_domain_key" ON "companies" USING btree ("workspace_id","domain") WHERE "companies"."domain" is not null;--> statement-breakpoint
CREATE INDEX "companies_workspace_name_idx" ON "companies" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "companies_workspace_parent_idx" ON "companies" USING btree ("workspace_id","parent_id");--> statement-breakpoint
CREATE INDEX "lead_imports_workspace_created_idx" ON "lead_imports" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "lead_duplicate_dismissals_pair_key" ON "lead_duplicate_dismissals" USING btree ("workspace_id","lead_a_id","lead_b_id");--> statement-breakpoint
CREATE INDEX "leads_workspace_company_idx" ON "leads" USING btree ("workspace_id","company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "field_definitions_workspace_entity_key_key" ON "field_definitions" USING btree ("workspace_id","entity","key");--> statement-breakpoint
-- Hand-written (drizzle cannot express a column list on SET NULL): deleting a company keeps its leads and
-- clears only their company_id, never the workspace_id of the composite key.
ALTER TABLE "leads" ADD CONSTRAINT "leads_company_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE SET NULL ("company_id");--> statement-breakpoint
SELECT kindling_secure_tenant_tables();
