package org.opendialer.media;

/** How a received digit arrived. */
public enum DtmfSource { RFC4733, INBAND }
