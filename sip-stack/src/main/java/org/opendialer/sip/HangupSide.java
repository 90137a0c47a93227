package org.opendialer.sip;

/** Which side ended a call: the remote party (BYE/CANCEL from the peer) or we (API, flow, timeout, bridge). */
public enum HangupSide { REMOTE, LOCAL }
