/**
 * IVR flow engine (to be built): runs flows on virtual threads and reaches calls only through the call-control
 * port of {@code sip-stack}, media through {@code media}, and decisions through {@code amd}.
 */
package org.opendialer.ivr;
