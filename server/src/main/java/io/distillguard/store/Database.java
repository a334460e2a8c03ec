package io.distillguard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one DuckDB database file, {@code <dataDir>/distillguard.duckdb}. Opened once, migrated to the current
 * schema on open, and shared by the event store and the registry, each of which takes its own connection (a duplicate
 * of the root connection: same database instance, independent transactions).
 */
public final class Database implements AutoCloseable {

    /** File name of the database inside the data directory. */
    public static final String FILE_NAME = "distillguard.duckdb";

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final DuckDBConnection root;

    private Database(Path file, DuckDBConnection root) {
        this.file = file;
        this.root = root;
    }

    /** Opens (creating if needed) the database in {@code dataDir} and applies the pending {@link SchemaMigrations}. */
    public static Database open(Path dataDir) {
        return open(dataDir, SchemaMigrations.all());
    }

    static Database open(Path dataDir, List<Migration> migrations) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
            Database db = new Database(file, root);
            try {
                db.migrate(migrations);
            } catch (RuntimeException e) {
                root.close();
                throw e;
            }
            return db;
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open database " + file, e);
        }
    }

    /** A new connection to this database; the caller closes it. */
    public DuckDBConnection connection() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new StoreException("cannot open a connection to " + file, e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** The highest schema version applied. */
    public int schemaVersion() {
        try (Statement st = root.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read schema_version", e);
        }
    }

    private void migrate(List<Migration> migrations) throws SQLException {
        try (Statement st = root.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version "
                    + "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at_ms BIGINT)");
        }
        int current = schemaVersion();
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            applyInTransaction(m);
            current = m.version();
            log.info("database {}: applied schema version {} ({})", file.getFileName(), m.version(), m.description());
        }
    }

    private void applyInTransaction(Migration m) throws SQLException {
        root.setAutoCommit(false);
        try (Statement st = root.createStatement();
             PreparedStatement record = root.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
            for (String sql : m.statements()) {
                st.execute(sql);
            }
            record.setInt(1, m.version());
            record.setString(2, m.description());
            record.setLong(3, System.currentTimeMillis());
            record.executeUpdate();
            root.commit();
        } catch (SQLException e) {
            root.rollback();
            throw new StoreException("schema migration " + m.version() + " failed", e);
        } finally {
            root.setAutoCommit(true);
        }
    }

    /** Closes the root connection; a checkpoint is written so the next open does not replay the WAL. */
    @Override
    public void close() {
        try (Connection c = root) {
            try (Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close database " + file, e);
        }
    }
}
