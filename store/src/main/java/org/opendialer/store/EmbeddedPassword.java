package org.opendialer.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The superuser password of the embedded PostgreSQL and the {@code pg_hba.conf} that demands it. The database
 * holds the API's token signing key, so "trust" would let any local user mint admin tokens. The password is
 * generated once (256 random bits), kept in {@code dialer.password} inside the data directory (mode 0600, the
 * directory 0700 as PostgreSQL requires) and read by the server and by command-line tools of the same user.
 */
final class EmbeddedPassword {

    static final String FILE = "dialer.password";

    /** Every connection, local socket or loopback TCP, replication included, must present the password. */
    private static final List<String> HBA = List.of(
            "# Written by opendialer: every connection needs the password kept in " + FILE + " (scram-sha-256).",
            "local   all             all                                     scram-sha-256",
            "host    all             all             127.0.0.1/32            scram-sha-256",
            "host    all             all             ::1/128                 scram-sha-256",
            "local   replication     all                                     scram-sha-256",
            "host    replication     all             127.0.0.1/32            scram-sha-256",
            "host    replication     all             ::1/128                 scram-sha-256");

    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPassword() {
    }

    /** A new password; URL-safe Base64 so it never needs quoting in SQL or in a connection string. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Writes {@code password} to a new owner-only file; the permissions are set at creation, never widened. */
    static void write(Path file, String password) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
    }

    /** The password stored in {@code dataDir}, or null when there is no file (a data directory from before). */
    static String read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        String pw = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (pw.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return pw;
    }

    /** True when no line of {@code pg_hba.conf} lets a client in without the password. */
    static boolean hbaDemandsPassword(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .allMatch(l -> l.endsWith("scram-sha-256"));
    }

    static void writeHba(Path dataDir) throws IOException {
        Path tmp = dataDir.resolve("pg_hba.conf.new");
        Files.write(tmp, HBA, StandardCharsets.US_ASCII);
        Files.move(tmp, dataDir.resolve("pg_hba.conf"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
