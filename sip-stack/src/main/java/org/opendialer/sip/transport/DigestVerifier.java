package org.opendialer.sip.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Registrar-side HTTP digest (RFC 3261 §22.4, RFC 2617 MD5, qop=auth). JAIN-SIP's own server helper only speaks the
 * proxy form (407 / Proxy-Authorization), so this one issues {@code WWW-Authenticate} on 401. Nonces are
 * {@code time:HMAC(time)} under a per-process key: no nonce table to grow, and a nonce older than five minutes is
 * answered with {@code stale=true} so phones retry without asking the user.
 */
final class DigestVerifier {

    enum Result { OK, STALE, BAD }

    private static final long NONCE_LIFETIME_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final HexFormat HEX = HexFormat.of();

    private final String realm;
    private final LongSupplier nanoClock;
    private final byte[] key = new byte[32];

    DigestVerifier(String realm, LongSupplier nanoClock) {
        this.realm = realm;
        this.nanoClock = nanoClock;
        new SecureRandom().nextBytes(key);
    }

    void challenge(HeaderFactory headers, Response response, boolean stale) throws Exception {
        WWWAuthenticateHeader h = headers.createWWWAuthenticateHeader("Digest");
        h.setRealm(realm);
        h.setNonce(newNonce());
        h.setAlgorithm("MD5");
        h.setQop("auth");
        if (stale) {
            h.setStale(true);
        }
        response.addHeader(h);
    }

    Result verify(Request request, AuthorizationHeader auth, String ha1) {
        String nonce = auth.getNonce();
        if (nonce == null || auth.getResponse() == null || auth.getURI() == null || !realm.equals(auth.getRealm())) {
            return Result.BAD;
        }
        String ha2 = md5(request.getMethod() + ":" + auth.getURI());
        String qop = auth.getQop();
        String expected = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + String.format("%08x", auth.getNonceCount()) + ":" + auth.getCNonce() + ":" + qop + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.getResponse().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Result.BAD;
        }
        return fresh(nonce) ? Result.OK : Result.STALE;
    }

    private String newNonce() throws GeneralSecurityException {
        String time = Long.toHexString(nanoClock.getAsLong());
        return time + "." + sign(time);
    }

    private boolean fresh(String nonce) {
        int dot = nonce.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String time = nonce.substring(0, dot);
            if (!MessageDigest.isEqual(sign(time).getBytes(StandardCharsets.US_ASCII),
                    nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
                return false;
            }
            return nanoClock.getAsLong() - Long.parseUnsignedLong(time, 16) < NONCE_LIFETIME_NANOS;
        } catch (GeneralSecurityException | NumberFormatException e) {
            return false;
        }
    }

    private String sign(String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HEX.formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)), 0, 16);
    }

    static String md5(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required for SIP digest", e);
        }
    }
}
