package org.opendialer.media;

/** How a received digit arrived: RTP telephone-events, tones in the audio, or SIP INFO handed in by signalling. */
public enum DtmfSource { RFC4733, INBAND, SIP_INFO }
