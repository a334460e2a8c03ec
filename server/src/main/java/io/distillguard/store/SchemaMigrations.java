package io.distillguard.store;

import java.util.List;

/** The DuckDB schema of the gateway's data file: the usage log and the registry of orgs, accounts, tiers and keys. */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /** All steps, in version order. */
    public static List<Migration> all() {
        return List.of(
                new Migration(1, "usage_events", List.of(UsageEventRows.CREATE_TABLE)),
                new Migration(2, "registry", List.of(
                        """
                        CREATE TABLE tiers (
                            name VARCHAR PRIMARY KEY,
                            requests_per_minute BIGINT NOT NULL,
                            input_tokens_per_minute BIGINT NOT NULL,
                            output_tokens_per_minute BIGINT NOT NULL,
                            output_tokens_per_day BIGINT NOT NULL,
                            max_tokens_ceiling INTEGER NOT NULL)""",
                        """
                        CREATE TABLE orgs (
                            id VARCHAR PRIMARY KEY,
                            name VARCHAR NOT NULL,
                            created_at_ms BIGINT NOT NULL)""",
                        """
                        CREATE TABLE accounts (
                            id VARCHAR PRIMARY KEY,
                            org_id VARCHAR NOT NULL,
                            tier_name VARCHAR NOT NULL,
                            created_at_ms BIGINT NOT NULL,
                            email_domain VARCHAR,
                            payment_fingerprint_hash VARCHAR,
                            verified_id_hash VARCHAR,
                            signup_path VARCHAR,
                            verified BOOLEAN NOT NULL,
                            status VARCHAR NOT NULL)""",
                        """
                        CREATE TABLE api_keys (
                            id VARCHAR PRIMARY KEY,
                            account_id VARCHAR NOT NULL,
                            name VARCHAR,
                            created_at_ms BIGINT NOT NULL,
                            revoked_at_ms BIGINT,
                            salt BLOB NOT NULL,
                            secret_hash BLOB NOT NULL)""")));
    }
}
