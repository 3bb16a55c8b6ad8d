CREATE TABLE "field_definitions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	"type" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"unique_values" boolean DEFAULT false NOT NULL,
	"help_text" text,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_definitions_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "wechat_openid" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "wechat_unionid" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "industry" text;--> statement-breakpoint
ALTER TABLE "field_definitions" ADD CONSTRAINT "field_definitions_workspace_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "field_definitions_workspace_key_key" ON "field_definitions" USING btree ("workspace_id","key");--> statement-breakpoint
CREATE INDEX "leads_workspace_wechat_openid_idx" ON "leads" USING btree ("workspace_id","wechat_openid");--> statement-breakpoint
SELECT kindling_secure_tenant_tables();
