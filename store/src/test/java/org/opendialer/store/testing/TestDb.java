package org.opendialer.store.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.opendialer.store.Database;
import org.opendialer.store.DatabaseConfig;

/** One embedded PostgreSQL for all tests of this module (started once per test JVM, migrated by Flyway). */
public final class TestDb {

    private static Database db;

    private TestDb() {
    }

    public static synchronized DataSource dataSource() {
        if (db == null) {
            try {
                Path dir = Files.createTempDirectory("campaign-pg");
                db = Database.start(new DatabaseConfig("", "", "", 8, new DatabaseConfig.Embedded(dir, 0)), null);
                Runtime.getRuntime().addShutdownHook(new Thread(db::close));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return db.dataSource();
    }
}
