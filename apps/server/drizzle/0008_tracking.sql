CREATE TABLE "tracking_event_definitions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"selector" text,
	"url_pattern" text,
	"properties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_event_definitions_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"visitor_id" text NOT NULL,
	"session_id" text NOT NULL,
	"name" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"url" text,
	"path" text,
	"title" text,
	"referrer" text,
	"referrer_host" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"utm_term" text,
	"utm_content" text,
	"device_type" text,
	"browser" text,
	"os" text,
	"country" text,
	"province" text,
	"city" text,
	"ip" text,
	"duration_ms" integer,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "tracking_events_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tracking_sites" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'web' NOT NULL,
	"site_key" text NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"respect_dnt" boolean DEFAULT true NOT NULL,
	"consent_required" boolean DEFAULT false NOT NULL,
	"truncate_ip" boolean DEFAULT false NOT NULL,
	"first_event_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_sites_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "tracking_visitors" (
	"workspace_id" uuid NOT NULL,
	"id" text NOT NULL,
	"site_id" uuid NOT NULL,
	"lead_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"identified_at" timestamp with time zone,
	"identified_via" text,
	CONSTRAINT "tracking_visitors_pkey" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "signing_secret" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "tracking_event_definitions" ADD CONSTRAINT "tracking_event_definitions_site_fk" FOREIGN KEY ("workspace_id","site_id") REFERENCES "public"."tracking_sites"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_visitors" ADD CONSTRAINT "tracking_visitors_lead_fk" FOREIGN KEY ("workspace_id","lead_id") REFERENCES "public"."leads"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_event_definitions_name_key" ON "tracking_event_definitions" USING btree ("workspace_id","name") WHERE "tracking_event_definitions"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "tracking_events_site_time_idx" ON "tracking_events" USING btree ("workspace_id","site_id","occurred_at");--> statement-breakpoint
CREATE INDEX "tracking_events_visitor_time_idx" ON "tracking_events" USING btree ("workspace_id","visitor_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_sites_site_key" ON "tracking_sites" USING btree ("site_key");--> statement-breakpoint
CREATE INDEX "tracking_visitors_lead_idx" ON "tracking_visitors" USING btree ("workspace_id","lead_id") WHERE "tracking_visitors"."lead_id" is not null;--> statement-breakpoint
SELECT kindling_secure_tenant_tables();
