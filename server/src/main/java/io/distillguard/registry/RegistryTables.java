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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/** Persistence of the registry in the DuckDB tables {@code tiers}, {@code orgs}, {@code accounts}, {@code api_keys}. */
final class RegistryTables implements AutoCloseable {

    private final DuckDBConnection c;

    RegistryTables(Database db) {
        this.c = db.connection();
    }

    /** A table row writer: binds one value's columns from parameter {@code at} on. */
    private interface Binder<T> {
        void bind(PreparedStatement ps, int at, T value) throws SQLException;
    }

    private static final int CHUNK = 500;

    /** Rows written inside {@link #inTransaction}, by id (last write wins), flushed as multi-row statements. */
    private final Map<String, Tier> tierBuffer = new LinkedHashMap<>();
    private final Map<String, Organization> orgBuffer = new LinkedHashMap<>();
    private final Map<String, Account> accountBuffer = new LinkedHashMap<>();
    private final Map<String, StoredKey> keyBuffer = new LinkedHashMap<>();
    private boolean buffering;

    /**
     * Runs {@code work} as one transaction whose writes are buffered and sent as a few multi-row statements at the
     * end (DuckDB spends milliseconds on each single-row statement): committed if it returns, nothing written if it
     * throws.
     */
    <T> T inTransaction(java.util.function.Supplier<T> work) throws SQLException {
        if (buffering) {
            return work.get();
        }
        buffering = true;
        T out;
        try {
            out = work.get();
        } catch (RuntimeException e) {
            clearBuffers();
            throw e;
        } finally {
            buffering = false;
        }
        c.setAutoCommit(false);
        try {
            write("tiers", 6, tierBuffer.values(), RegistryTables::bind);
            write("orgs", 3, orgBuffer.values(), RegistryTables::bind);
            write("accounts", 10, accountBuffer.values(), RegistryTables::bind);
            write("api_keys", 7, keyBuffer.values(), RegistryTables::bind);
            c.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            clearBuffers();
        }
    }

    private void clearBuffers() {
        tierBuffer.clear();
        orgBuffer.clear();
        accountBuffer.clear();
        keyBuffer.clear();
    }

    private <T> void write(String table, int columns, java.util.Collection<T> rows, Binder<T> binder)
            throws SQLException {
        List<T> all = new ArrayList<>(rows);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<T> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String row = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
            String sql = "INSERT OR REPLACE INTO " + table + " VALUES "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), row));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    binder.bind(ps, 1 + i * columns, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    void put(Tier t) throws SQLException {
        if (buffering) {
            tierBuffer.put(t.name(), t);
        } else {
            write("tiers", 6, List.of(t), RegistryTables::bind);
        }
    }

    void put(Organization o) throws SQLException {
        if (buffering) {
            orgBuffer.put(o.id(), o);
        } else {
            write("orgs", 3, List.of(o), RegistryTables::bind);
        }
    }

    void put(Account a) throws SQLException {
        if (buffering) {
            accountBuffer.put(a.id(), a);
        } else {
            write("accounts", 10, List.of(a), RegistryTables::bind);
        }
    }

    void put(StoredKey k) throws SQLException {
        if (buffering) {
            keyBuffer.put(k.key().id(), k);
        } else {
            write("api_keys", 7, List.of(k), RegistryTables::bind);
        }
    }

    private static void bind(PreparedStatement ps, int at, Tier t) throws SQLException {
        ps.setString(at, t.name());
        ps.setLong(at + 1, t.requestsPerMinute());
        ps.setLong(at + 2, t.inputTokensPerMinute());
        ps.setLong(at + 3, t.outputTokensPerMinute());
        ps.setLong(at + 4, t.outputTokensPerDay());
        ps.setInt(at + 5, t.maxTokensCeiling());
    }

    private static void bind(PreparedStatement ps, int at, Organization o) throws SQLException {
        ps.setString(at, o.id());
        ps.setString(at + 1, o.name());
        ps.setLong(at + 2, o.createdAt().toEpochMilli());
    }

    private static void bind(PreparedStatement ps, int at, Account a) throws SQLException {
        ps.setString(at, a.id());
        ps.setString(at + 1, a.orgId());
        ps.setString(at + 2, a.tierName());
        ps.setLong(at + 3, a.createdAt().toEpochMilli());
        ps.setString(at + 4, a.emailDomain());
        ps.setString(at + 5, a.paymentFingerprintHash());
        ps.setString(at + 6, a.verifiedIdHash());
        ps.setString(at + 7, a.signupPath());
        ps.setBoolean(at + 8, a.verified());
        ps.setString(at + 9, a.status().name());
    }

    private static void bind(PreparedStatement ps, int at, StoredKey k) throws SQLException {
        ApiKey key = k.key();
        ps.setString(at, key.id());
        ps.setString(at + 1, key.accountId());
        ps.setString(at + 2, key.name());
        ps.setLong(at + 3, key.createdAt().toEpochMilli());
        if (key.revokedAt() == null) {
            ps.setNull(at + 4, Types.BIGINT);
        } else {
            ps.setLong(at + 4, key.revokedAt().toEpochMilli());
        }
        ps.setBytes(at + 5, k.hash().salt());
        ps.setBytes(at + 6, k.hash().hash());
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
