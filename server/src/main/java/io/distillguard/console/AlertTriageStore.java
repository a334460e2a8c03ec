package io.distillguard.console;

import io.distillguard.store.Database;
import io.distillguard.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysts' triage of alerts, durable in the gateway's DuckDB file next to the registry (table
 * {@code alert_triage}, one row per alert, latest verdict) and mirrored in memory for reads. The table is created on
 * first open, so an older data directory gains it without a schema migration. Writes are serialised.
 */
public final class AlertTriageStore implements AutoCloseable {
    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS alert_triage (
                alert_id VARCHAR PRIMARY KEY,
                entity_id VARCHAR,
                state VARCHAR NOT NULL,
                reason VARCHAR NOT NULL,
                operator VARCHAR NOT NULL,
                updated_at_ms BIGINT NOT NULL)""";

    private final Connection connection;
    private final Map<String, Triage> byAlert = new ConcurrentHashMap<>();

    private AlertTriageStore(Connection connection) {
        this.connection = connection;
    }

    public static AlertTriageStore open(Database db) {
        Connection c = db.connection();
        AlertTriageStore store = new AlertTriageStore(c);
        try (Statement st = c.createStatement()) {
            st.execute(CREATE);
            try (ResultSet rs = st.executeQuery("SELECT alert_id, entity_id, state, reason, operator, updated_at_ms"
                    + " FROM alert_triage")) {
                while (rs.next()) {
                    store.byAlert.put(rs.getString(1), new Triage(rs.getString(1), rs.getString(2),
                            TriageState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the alert_triage table", e);
        }
        return store;
    }

    /** Stores {@code t}, replacing the alert's previous verdict. */
    public synchronized Triage put(Triage t) {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO alert_triage VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, t.alertId());
            ps.setString(2, t.entityId());
            ps.setString(3, t.state().name());
            ps.setString(4, t.reason());
            ps.setString(5, t.operator());
            ps.setLong(6, t.updatedAtMs());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the triage of alert " + t.alertId(), e);
        }
        byAlert.put(t.alertId(), t);
        return t;
    }

    public Optional<Triage> of(String alertId) {
        return Optional.ofNullable(byAlert.get(alertId));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the alert_triage connection", e);
        }
    }
}
