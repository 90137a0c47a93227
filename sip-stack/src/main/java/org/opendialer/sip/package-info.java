/**
 * SIP signalling. Upper modules use only this package: the {@link org.opendialer.sip.CallControl} port, the sealed
 * {@link org.opendialer.sip.CallEvent}s and the configuration records. JAIN-SIP stays in {@code .transport}.
 */
package org.opendialer.sip;
