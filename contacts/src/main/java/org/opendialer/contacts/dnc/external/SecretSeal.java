package org.opendialer.contacts.dnc.external;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a credential the dialer must use later (a provider's API key: it cannot be hashed) with AES-256-GCM under a
 * key the nodes hold outside the database, so a copy of the database alone does not reveal it. Sealed form: base64
 * of a random 12-byte IV followed by the ciphertext and its 16-byte tag; tampering fails the open.
 */
public final class SecretSeal {

    /** The environment variable that sets {@code secrets.key} ({@link SecretsConfig}): 32 bytes, base64. */
    public static final String KEY_VARIABLE = "DIALER_SECRETS_KEY";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param key 32 bytes */
    public SecretSeal(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException(KEY_VARIABLE + ": the key must be 32 bytes (base64), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public String seal(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the text was not sealed with this key, or was altered */
    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed credential cannot be opened with this secrets key (" + KEY_VARIABLE
                    + "): was it sealed under another?", e);
        }
    }
}
