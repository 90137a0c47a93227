package org.opendialer.messaging.sms;

/**
 * How a text travels: GSM-7 when every character fits the default alphabet, else UCS-2. Limits are per SMS:
 * 160 septets alone or 153 per part of a concatenated message (the 6-octet UDH costs 7 septets); 70 UTF-16 units
 * alone or 67 per part.
 */
public enum SmsEncoding {
    GSM7((byte) 0x00, 160, 153),
    UCS2((byte) 0x08, 70, 67);

    private final byte dataCoding;
    private final int singleLimit;
    private final int partLimit;

    SmsEncoding(byte dataCoding, int singleLimit, int partLimit) {
        this.dataCoding = dataCoding;
        this.singleLimit = singleLimit;
        this.partLimit = partLimit;
    }

    /** SMPP {@code data_coding} value. */
    public byte dataCoding() {
        return dataCoding;
    }

    public int singleLimit() {
        return singleLimit;
    }

    public int partLimit() {
        return partLimit;
    }

    public static SmsEncoding detect(CharSequence text) {
        return Gsm7.canEncode(text) ? GSM7 : UCS2;
    }
}
