/**
 * How many calls a voice campaign places, per dialing mode, under the abandon-rate cap: {@link
 * org.opendialer.campaign.pacing.Pacer} is the brain (pure logic on an injected clock; no SIP, no database), fed
 * with the fate of each call and asked once a tick. docs/PACING.md explains the algorithm and its figures.
 */
package org.opendialer.campaign.pacing;
