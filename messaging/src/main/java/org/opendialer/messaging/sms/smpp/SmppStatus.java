package org.opendialer.messaging.sms.smpp;

import java.util.Map;

/** Names of the SMPP 3.4 command_status values an aggregator commonly answers (section 5.1.3). */
final class SmppStatus {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "ESME_RINVMSGLEN: message length is invalid"),
            Map.entry(0x08, "ESME_RSYSERR: system error"),
            Map.entry(0x0A, "ESME_RINVSRCADR: invalid source address"),
            Map.entry(0x0B, "ESME_RINVDSTADR: invalid destination address"),
            Map.entry(0x14, "ESME_RMSGQFUL: message queue full"),
            Map.entry(0x45, "ESME_RSUBMITFAIL: submit_sm failed"),
            Map.entry(0x58, "ESME_RTHROTTLED: throttling error, exceeded allowed message limits"),
            Map.entry(0x61, "ESME_RINVSCHED: invalid scheduled delivery time"),
            Map.entry(0x62, "ESME_RINVEXPIRY: invalid validity period"));

    private SmppStatus() {
    }

    static String describe(int status) {
        return NAMES.getOrDefault(status, String.format("command_status 0x%08X", status));
    }
}
