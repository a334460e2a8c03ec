package io.distillguard.store;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/** Read side of the {@link EventStore}: ordered replay, counts, read-only report SQL and exports. */
final class EventReader {

    /** Rows per replay page: replay memory stays bounded whatever the time range. */
    private static final int PAGE = 8_192;

    private static final String PAGE_SQL = "SELECT seq, " + UsageEventRows.EVENT_COLUMNS + " FROM "
            + UsageEventRows.TABLE + " WHERE timestamp_ms >= ? AND timestamp_ms < ?"
            + " AND (timestamp_ms > ? OR (timestamp_ms = ? AND seq > ?)) ORDER BY timestamp_ms, seq LIMIT " + PAGE;

    private static final ObjectWriter JSONL = JsonMapper.builder().build().writerFor(UsageEvent.class);

    private final Database db;

    EventReader(Database db) {
        this.db = db;
    }

    void replay(long fromMs, long toMs, UsageEventSink sink) {
        try (DuckDBConnection c = db.connection(); PreparedStatement ps = c.prepareStatement(PAGE_SQL)) {
            long lastTs = Long.MIN_VALUE;
            long lastSeq = Long.MIN_VALUE;
            int rows;
            do {
                ps.setLong(1, fromMs);
                ps.setLong(2, toMs);
                ps.setLong(3, lastTs);
                ps.setLong(4, lastTs);
                ps.setLong(5, lastSeq);
                rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UsageEvent e = UsageEventRows.read(rs);
                        lastTs = e.timestampMs();
                        lastSeq = rs.getLong("seq");
                        rows++;
                        sink.accept(e);
                    }
                }
            } while (rows == PAGE);
        } catch (SQLException e) {
            throw new StoreException("replay failed", e);
        }
    }

    long count() {
        try (DuckDBConnection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + UsageEventRows.TABLE)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("count failed", e);
        }
    }

    List<Map<String, Object>> query(String sql, Object... args) {
        try (DuckDBConnection c = db.connection()) {
            c.setAutoCommit(false);
            requireSelect(c, sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rows(rs);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /** DuckDB's own parser decides: json_serialize_sql accepts SELECT statements only. */
    private static void requireSelect(DuckDBConnection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(json_extract(json_serialize_sql(?::VARCHAR), '$.error')::BOOLEAN, false)")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalArgumentException("only SELECT statements are allowed: " + sql);
                }
            }
        }
    }

    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                Object v = rs.getObject(i);
                if (v instanceof Blob b) {
                    v = b.getBytes(1, (int) b.length());
                }
                row.put(md.getColumnLabel(i), v);
            }
            out.add(row);
        }
        return out;
    }

    void exportJsonl(Path file) {
        try (Writer w = Files.newBufferedWriter(file)) {
            replay(Long.MIN_VALUE, Long.MAX_VALUE, e -> {
                try {
                    w.write(JSONL.writeValueAsString(e));
                    w.write('\n');
                } catch (IOException ex) {
                    throw new StoreException("cannot write " + file, ex);
                }
            });
        } catch (IOException e) {
            throw new StoreException("cannot write " + file, e);
        }
    }

    void exportParquet(Path file) {
        String target = file.toAbsolutePath().toString().replace("'", "''");
        try (DuckDBConnection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM " + UsageEventRows.TABLE + " ORDER BY timestamp_ms, seq) TO '" + target
                    + "' (FORMAT PARQUET)");
        } catch (SQLException e) {
            throw new StoreException("parquet export to " + file + " failed", e);
        }
    }
}
