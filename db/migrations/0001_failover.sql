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
ALTER TABLE "simulator"."machines" ADD COLUMN "kind" text DEFAULT 'gpu' NOT NULL;--> statement-breakpoint
ALTER TABLE "simulator"."machines" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "simulator"."machines" ADD COLUMN "price_per_hour" numeric(12, 5);--> statement-breakpoint
ALTER TABLE "simulator"."machines" ADD COLUMN "boot_env" jsonb;--> statement-breakpoint
ALTER TABLE "agent_commands" ADD CONSTRAINT "agent_commands_agent_id_machine_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."machine_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_checkpoints" ADD CONSTRAINT "failover_checkpoints_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_runs" ADD CONSTRAINT "failover_runs_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_settings" ADD CONSTRAINT "failover_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failover_steps" ADD CONSTRAINT "failover_steps_run_id_failover_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."failover_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_agents" ADD CONSTRAINT "machine_agents_rental_id_rentals_id_fk" FOREIGN KEY ("rental_id") REFERENCES "public"."rentals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_commands_agent_state" ON "agent_commands" USING btree ("agent_id","state");--> statement-breakpoint
CREATE INDEX "agent_nonces_time" ON "agent_nonces" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "failover_checkpoints_rental" ON "failover_checkpoints" USING btree ("rental_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "failover_runs_gpu_machine" ON "failover_runs" USING btree ("gpu_provider","gpu_machine_id");--> statement-breakpoint
CREATE INDEX "failover_runs_rental" ON "failover_runs" USING btree ("rental_id","detected_at");--> statement-breakpoint
CREATE INDEX "failover_runs_state" ON "failover_runs" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "failover_steps_run_step" ON "failover_steps" USING btree ("run_id","step");--> statement-breakpoint
CREATE INDEX "machine_agents_machine" ON "machine_agents" USING btree ("machine_id");--> statement-breakpoint
ALTER TABLE "simulator"."machines" ADD CONSTRAINT "machines_idempotency_key_unique" UNIQUE("idempotency_key");