/**
 * A discrete-event simulation of a campaign floor in virtual time, driving a real pacer: the "what if" engine of
 * {@code dialer pacing simulate} and of the pacing tests. Production code only because the command ships it.
 */
package org.opendialer.campaign.pacing.sim;
