CREATE SCHEMA "simulator";
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"password" text,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"gpu_model" text NOT NULL,
	"max_price_per_gpu_hour" numeric(12, 5) NOT NULL,
	"region" text,
	"location" text,
	"channels" text[] NOT NULL,
	"state" text DEFAULT 'armed' NOT NULL,
	"crossing" integer DEFAULT 0 NOT NULL,
	"paused_at" timestamp with time zone,
	"last_fired_at" timestamp with time zone,
	"last_fired_price_per_gpu_hour" numeric(12, 5),
	"last_fired_offer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_alerts_one_place" CHECK (region is null or location is null),
	CONSTRAINT "price_alerts_state" CHECK (state in ('armed', 'fired')),
	CONSTRAINT "price_alerts_channels" CHECK (cardinality(channels) >= 1 and channels <@ array['email', 'push', 'sms']::text[]),
	CONSTRAINT "price_alerts_bound" CHECK (max_price_per_gpu_hour > 0)
);
--> statement-breakpoint
CREATE TABLE "agent_commands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"run_id" uuid,
	"kind" text NOT NULL,
	"args" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"result" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "agent_commands_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "agent_nonces" (
	"agent_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_nonces_agent_id_nonce_pk" PRIMARY KEY("agent_id","nonce")
);
--> statement-breakpoint
CREATE TABLE "failover_checkpoints" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "failover_checkpoints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rental_id" uuid NOT NULL,
	"agent_id" uuid,
	"seq" integer NOT NULL,
	"manifest_key" text NOT NULL,
	"reason" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"files" integer NOT NULL,
	"bytes" bigint NOT NULL,
	"uploaded_files" integer NOT NULL,
	"uploaded_bytes" bigint NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "failover_checkpoints_manifest_key_unique" UNIQUE("manifest_key")
);
--> statement-breakpoint
CREATE TABLE "failover_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rental_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"gpu_provider" text NOT NULL,
	"gpu_machine_id" text NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"detected_via" text NOT NULL,
	"notice_at" timestamp with time zone NOT NULL,
	"interrupt_at" timestamp with time zone,
	"detected_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"standby_serving_at" timestamp with time zone,
	"restored_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"checkpoint_key" text,
	"checkpoint_seq" integer,
	"checkpoint_taken_at" timestamp with time zone,
	"checkpoint_fallback" boolean DEFAULT false NOT NULL,
	"standby_machine_id" text,
	"restore_machine_id" text,
	"error" text,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "failover_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"standby_type" text DEFAULT 'e2-standard-4' NOT NULL,
	"auto_restore" boolean DEFAULT true NOT NULL,
	"checkpoint_interval_minutes" integer DEFAULT 30 NOT NULL,
	"channels" text[] DEFAULT '{"email","push"}' NOT NULL,
	"restore_max_price_per_gpu_hour" numeric(12, 5),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "failover_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "failover_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"step" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"output" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "machine_agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"boot_key" text NOT NULL,
	"secret" text NOT NULL,
	"rental_id" uuid NOT NULL,
	"role" text NOT NULL,
	"provider" text,
	"machine_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "machine_agents_boot_key_unique" UNIQUE("boot_key")
);
--> statement-breakpoint
CREATE TABLE "market_rentals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_rentals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"offer_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"notice_at" timestamp with time zone,
	"interrupted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "markets" (
	"id" text PRIMARY KEY NOT NULL,
	"gpu_model" text NOT NULL,
	"region" text NOT NULL,
	"interruption_rate_24h" double precision,
	"mean_time_to_interruption_hours" double precision,
	"reliability_class" text,
	"observed_rentals_24h" integer DEFAULT 0 NOT NULL,
	"indicators_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"market_id" text NOT NULL,
	"gpu_model" text NOT NULL,
	"gpu_count" integer NOT NULL,
	"vram_gb" integer NOT NULL,
	"region" text NOT NULL,
	"location" text NOT NULL,
	"country" text,
	"city" text,
	"spot_price_per_hour" numeric(12, 5) NOT NULL,
	"on_demand_price_per_hour" numeric(12, 5) NOT NULL,
	"spot_price_per_gpu_hour" numeric(12, 5) GENERATED ALWAYS AS (round(spot_price_per_hour / gpu_count, 5)) STORED NOT NULL,
	"on_demand_price_per_gpu_hour" numeric(12, 5) GENERATED ALWAYS AS (round(on_demand_price_per_hour / gpu_count, 5)) STORED NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	"available_count" integer DEFAULT 1 NOT NULL,
	"provider_reliability" double precision,
	"interruption_rate_24h" double precision,
	"mean_time_to_interruption_hours" double precision,
	"reliability_class" text,
	"observed_rentals_24h" integer DEFAULT 0 NOT NULL,
	"indicators_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_snapshot_at" timestamp with time zone,
	"source" text DEFAULT 'feed' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"offer_id" uuid NOT NULL,
	"market_id" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"spot_price_per_hour" numeric(12, 5) NOT NULL,
	"on_demand_price_per_hour" numeric(12, 5) NOT NULL,
	"spot_price_per_gpu_hour" numeric(12, 5) NOT NULL,
	"on_demand_price_per_gpu_hour" numeric(12, 5) NOT NULL,
	"available" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_polls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "provider_polls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"provider" text NOT NULL,
	"worker_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"offer_count" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "provider_status" (
	"provider" text PRIMARY KEY NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"offer_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"offer_id" uuid,
	"alert_id" uuid,
	"rental_id" uuid,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"via" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "notifications_channel" CHECK (channel in ('email', 'push', 'sms')),
	CONSTRAINT "notifications_state" CHECK (state in ('queued', 'sending', 'sent', 'retrying', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "push_deliveries" (
	"notification_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"delivered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_deliveries_notification_id_subscription_id_pk" PRIMARY KEY("notification_id","subscription_id")
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_success_at" timestamp with time zone,
	CONSTRAINT "push_subscriptions_endpoint_unique" UNIQUE("endpoint")
);
--> statement-breakpoint
CREATE TABLE "vapid_keys" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vapid_keys_single_row" CHECK (id = 1)
);
--> statement-breakpoint
CREATE TABLE "rental_machines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rental_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"machine_id" text,
	"machine_type" text,
	"offer_id" uuid,
	"price_per_hour" numeric(12, 5) NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"interrupted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rentals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"offer_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"gpu_model" text NOT NULL,
	"gpu_count" integer NOT NULL,
	"region" text NOT NULL,
	"location" text NOT NULL,
	"spot_price_per_hour" numeric(12, 5) NOT NULL,
	"on_demand_price_per_hour" numeric(12, 5) NOT NULL,
	"state" text DEFAULT 'provisioning' NOT NULL,
	"failover_overrides" jsonb,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"notice_at" timestamp with time zone,
	"interrupted_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "simulator"."machines" (
	"id" text PRIMARY KEY NOT NULL,
	"offer_external_id" text,
	"kind" text DEFAULT 'gpu' NOT NULL,
	"machine_type" text NOT NULL,
	"idempotency_key" text,
	"price_per_hour" numeric(12, 5),
	"boot_env" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"running_at" timestamp with time zone NOT NULL,
	"notice_at" timestamp with time zone,
	"interrupt_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	CONSTRAINT "machines_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "simulator"."price_overrides" (
	"offer_external_id" text PRIMARY KEY NOT NULL,
	"spot_price_per_gpu_hour" numeric(12, 5) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD CONSTRAINT "price_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD CONSTRAINT "price_alerts_last_fired_offer_id_offers_id_fk" FOREIGN KEY ("last_fired_offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_commands" ADD CONSTRAINT "agent_commands_agent_id_machine_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."machine_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_checkpoints" ADD CONSTRAINT "failover_checkpoints_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_runs" ADD CONSTRAINT "failover_runs_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_settings" ADD CONSTRAINT "failover_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_steps" ADD CONSTRAINT "failover_steps_run_id_failover_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."failover_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_agents" ADD CONSTRAINT "machine_agents_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_rentals" ADD CONSTRAINT "market_rentals_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_snapshots" ADD CONSTRAINT "price_snapshots_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_alert_id_price_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."price_alerts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_subscription_id_push_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."push_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_machines" ADD CONSTRAINT "rental_machines_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rental_machines" ADD CONSTRAINT "rental_machines_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rentals" ADD CONSTRAINT "rentals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rentals" ADD CONSTRAINT "rentals_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_user" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_provider_account" ON "accounts" USING btree ("provider_id","account_id");--> statement-breakpoint
CREATE INDEX "rate_limits_window" ON "rate_limits" USING btree ("window_started_at");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "verifications_identifier" ON "verifications" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "price_alerts_user" ON "price_alerts" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "price_alerts_active" ON "price_alerts" USING btree ("gpu_model") WHERE paused_at is null;--> statement-breakpoint
CREATE INDEX "agent_commands_agent_state" ON "agent_commands" USING btree ("agent_id","state");--> statement-breakpoint
CREATE INDEX "agent_nonces_time" ON "agent_nonces" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "failover_checkpoints_rental" ON "failover_checkpoints" USING btree ("rental_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "failover_runs_gpu_machine" ON "failover_runs" USING btree ("gpu_provider","gpu_machine_id");--> statement-breakpoint
CREATE INDEX "failover_runs_rental" ON "failover_runs" USING btree ("rental_id","detected_at");--> statement-breakpoint
CREATE INDEX "failover_runs_state" ON "failover_runs" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "failover_steps_run_step" ON "failover_steps" USING btree ("run_id","step");--> statement-breakpoint
CREATE INDEX "machine_agents_machine" ON "machine_agents" USING btree ("machine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "market_rentals_offer_external" ON "market_rentals" USING btree ("offer_id","external_id");--> statement-breakpoint
CREATE INDEX "market_rentals_window" ON "market_rentals" USING btree ("offer_id","started_at","ended_at");--> statement-breakpoint
CREATE INDEX "market_rentals_interrupted" ON "market_rentals" USING btree ("interrupted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_provider_external_id" ON "offers" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "offers_price" ON "offers" USING btree ("available","spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_gpu_price" ON "offers" USING btree ("gpu_model","available","spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_region_price" ON "offers" USING btree ("region","available","spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_location_price" ON "offers" USING btree ("location","available","spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_availability" ON "offers" USING btree ("available","available_count" DESC NULLS FIRST,"spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_gpu_availability" ON "offers" USING btree ("gpu_model","available","available_count" DESC NULLS FIRST,"spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_region_availability" ON "offers" USING btree ("region","available","available_count" DESC NULLS FIRST,"spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_location_availability" ON "offers" USING btree ("location","available","available_count" DESC NULLS FIRST,"spot_price_per_gpu_hour","id");--> statement-breakpoint
CREATE INDEX "offers_market" ON "offers" USING btree ("market_id");--> statement-breakpoint
CREATE INDEX "price_snapshots_offer_time" ON "price_snapshots" USING btree ("offer_id","observed_at");--> statement-breakpoint
CREATE INDEX "price_snapshots_market_time" ON "price_snapshots" USING btree ("market_id","observed_at");--> statement-breakpoint
CREATE INDEX "provider_polls_provider_time" ON "provider_polls" USING btree ("provider","started_at");--> statement-breakpoint
CREATE INDEX "notifications_user_time" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_due" ON "notifications" USING btree ("next_attempt_at") WHERE state in ('queued', 'retrying');--> statement-breakpoint
CREATE INDEX "notifications_sending" ON "notifications" USING btree ("claimed_until") WHERE state = 'sending';--> statement-breakpoint
CREATE INDEX "push_subscriptions_user" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "rental_machines_rental" ON "rental_machines" USING btree ("rental_id","started_at");--> statement-breakpoint
CREATE INDEX "rental_machines_offer_window" ON "rental_machines" USING btree ("offer_id","started_at","ended_at");--> statement-breakpoint
CREATE INDEX "rentals_user" ON "rentals" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "rentals_active" ON "rentals" USING btree ("state");--> statement-breakpoint
CREATE INDEX "sim_machines_offer" ON "simulator"."machines" USING btree ("offer_external_id");