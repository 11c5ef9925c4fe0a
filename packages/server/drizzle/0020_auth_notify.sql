-- Who is signed in, with which rights, is cached per server process (services/session-cache.ts).
-- Every statement that may take a right away or end a session tells every process (NOTIFY
-- leitai_auth, delivered at commit): a session ended, a user changed (disabled, password, role,
-- organization), a grant or an organization changed, a campaign added, moved or removed. Only
-- statements that changed a row notify (a login's clean-up of expired sessions that deletes
-- nothing does not empty every process's cache).
CREATE FUNCTION "auth_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('leitai_auth', json_build_object('table', TG_TABLE_NAME)::text);
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE FUNCTION "auth_changed_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM changed_rows) THEN
		PERFORM pg_notify('leitai_auth', json_build_object('table', TG_TABLE_NAME)::text);
	END IF;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "sessions_auth_delete" AFTER DELETE ON "sessions" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "auth_changed_rows"();--> statement-breakpoint
CREATE TRIGGER "users_auth_update" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "auth_changed_rows"();--> statement-breakpoint
CREATE TRIGGER "users_auth_delete" AFTER DELETE ON "users" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "auth_changed_rows"();--> statement-breakpoint
CREATE TRIGGER "role_grants_auth" AFTER INSERT OR UPDATE OR DELETE ON "role_grants" FOR EACH STATEMENT EXECUTE FUNCTION "auth_changed"();--> statement-breakpoint
CREATE TRIGGER "organizations_auth" AFTER INSERT OR UPDATE OR DELETE ON "organizations" FOR EACH STATEMENT EXECUTE FUNCTION "auth_changed"();--> statement-breakpoint
CREATE TRIGGER "campaigns_auth" AFTER INSERT OR DELETE OR UPDATE OF "organization_id" ON "campaigns" FOR EACH STATEMENT EXECUTE FUNCTION "auth_changed"();
