package org.opendialer.contacts.dnc.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The key a node seals stored credentials with (section {@code secrets}; {@link SecretSeal}): 32 random bytes,
 * base64, the same on every node of one database, kept outside it. Given inline ({@code key}, or the environment
 * variable {@value SecretSeal#KEY_VARIABLE}) or as a file ({@code keyFile}, {@code DIALER_SECRETS_KEY_FILE}) that
 * only its owner may read or write: a file others can read is refused, as ssh refuses such a private key. Both
 * empty: no key, so nothing can be sealed (no external DNC list can be created). Checked when the configuration
 * is read, so a bad key stops the node at start; {@link #toString} never shows the key.
 *
 * @param key     base64 of the key, or empty
 * @param keyFile path of a file holding that base64 text, or empty
 */
public record SecretsConfig(String key, String keyFile) {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    public SecretsConfig {
        key = key == null ? "" : key.strip();
        keyFile = keyFile == null ? "" : keyFile.strip();
        if (!key.isEmpty() && !keyFile.isEmpty()) {
            throw new IllegalArgumentException("keyFile: give the key or a key file, not both");
        }
        bytes(key, keyFile); // fail at start, not at the first sealed credential
    }

    public static SecretsConfig none() {
        return new SecretsConfig("", "");
    }

    /** The seal of this key; null when there is none. */
    public SecretSeal seal() {
        byte[] k = bytes(key, keyFile);
        return k == null ? null : new SecretSeal(k);
    }

    @Override
    public String toString() {
        return "SecretsConfig[key=" + (key.isEmpty() ? "" : "(set)") + ", keyFile=" + keyFile + "]";
    }

    private static byte[] bytes(String key, String keyFile) {
        if (!keyFile.isEmpty()) {
            return decode("keyFile", read(Path.of(keyFile)));
        }
        return key.isEmpty() ? null : decode("key", key);
    }

    private static String read(Path file) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> open = EnumSet.copyOf(posix.readAttributes().permissions());
                open.retainAll(OTHERS);
                if (!open.isEmpty()) {
                    throw new IllegalArgumentException("keyFile: " + file + " may be used by others than its owner ("
                            + open + "); chmod 600 it");
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("keyFile: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String field, String b64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not base64 (32 random bytes: openssl rand -base64 32)", e);
        }
        if (k.length != 32) {
            throw new IllegalArgumentException(field + ": the key must be 32 bytes (base64), got " + k.length + " bytes");
        }
        return k;
    }
}
