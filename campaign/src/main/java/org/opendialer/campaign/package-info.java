/**
 * Outbound campaigns (to be built): contact lists, compliance gate (DNC, callable hours, abandon-rate cap) and
 * pacing; reaches calls only through the call-control port of {@code sip-stack}.
 */
package org.opendialer.campaign;
