package io.distillguard.registry;

import io.distillguard.store.Database;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** Persistence of the registry in the DuckDB tables {@code tiers}, {@code orgs}, {@code accounts}, {@code api_keys}. */
final class RegistryTables implements AutoCloseable {

    private final DuckDBConnection c;

    RegistryTables(Database db) {
        this.c = db.connection();
    }

    void put(Tier t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO tiers VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.name());
            ps.setLong(2, t.requestsPerMinute());
            ps.setLong(3, t.inputTokensPerMinute());
            ps.setLong(4, t.outputTokensPerMinute());
            ps.setLong(5, t.outputTokensPerDay());
            ps.setInt(6, t.maxTokensCeiling());
            ps.executeUpdate();
        }
    }

    void put(Organization o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO orgs VALUES (?, ?, ?)")) {
            ps.setString(1, o.id());
            ps.setString(2, o.name());
            ps.setLong(3, o.createdAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    void put(Account a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.orgId());
            ps.setString(3, a.tierName());
            ps.setLong(4, a.createdAt().toEpochMilli());
            ps.setString(5, a.emailDomain());
            ps.setString(6, a.paymentFingerprintHash());
            ps.setString(7, a.verifiedIdHash());
            ps.setString(8, a.signupPath());
            ps.setBoolean(9, a.verified());
            ps.setString(10, a.status().name());
            ps.executeUpdate();
        }
    }

    void put(StoredKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO api_keys VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ApiKey key = k.key();
            ps.setString(1, key.id());
            ps.setString(2, key.accountId());
            ps.setString(3, key.name());
            ps.setLong(4, key.createdAt().toEpochMilli());
            if (key.revokedAt() == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, key.revokedAt().toEpochMilli());
            }
            ps.setBytes(6, k.hash().salt());
            ps.setBytes(7, k.hash().hash());
            ps.executeUpdate();
        }
    }

    List<Tier> tiers() throws SQLException {
        List<Tier> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM tiers")) {
            while (rs.next()) {
                out.add(new Tier(rs.getString("name"), rs.getLong("requests_per_minute"),
                        rs.getLong("input_tokens_per_minute"), rs.getLong("output_tokens_per_minute"),
                        rs.getLong("output_tokens_per_day"), rs.getInt("max_tokens_ceiling")));
            }
        }
        return out;
    }

    List<Organization> orgs() throws SQLException {
        List<Organization> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM orgs")) {
            while (rs.next()) {
                out.add(new Organization(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at_ms"))));
            }
        }
        return out;
    }

    List<Account> accounts() throws SQLException {
        List<Account> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM accounts")) {
            while (rs.next()) {
                out.add(new Account(rs.getString("id"), rs.getString("org_id"), rs.getString("tier_name"),
                        Instant.ofEpochMilli(rs.getLong("created_at_ms")), rs.getString("email_domain"),
                        rs.getString("payment_fingerprint_hash"), rs.getString("verified_id_hash"),
                        rs.getString("signup_path"), rs.getBoolean("verified"),
                        AccountStatus.valueOf(rs.getString("status"))));
            }
        }
        return out;
    }

    List<StoredKey> keys() throws SQLException {
        List<StoredKey> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM api_keys")) {
            while (rs.next()) {
                long revoked = rs.getLong("revoked_at_ms");
                Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
                ApiKey key = new ApiKey(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at_ms")), revokedAt);
                out.add(new StoredKey(key, new KeyHash(bytes(rs.getBlob("salt")), bytes(rs.getBlob("secret_hash")))));
            }
        }
        return out;
    }

    private static byte[] bytes(Blob b) throws SQLException {
        return b.getBytes(1, (int) b.length());
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
