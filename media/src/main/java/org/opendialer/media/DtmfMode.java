package org.opendialer.media;

/** How to send a digit: as RFC 4733 telephone-events, or as tones in the audio. */
public enum DtmfMode { RFC4733, INBAND }
