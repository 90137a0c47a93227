/**
 * Outbound voice campaigns: {@code settings} (what a campaign is told, its status table, its store),
 * {@code runner} (the compliance gate, the SKIP LOCKED claim that commits each attempt before its INVITE, the
 * agentless calls on {@code CallSession}, attempt history, decision log, dry run, node safety), {@code rules}
 * (pre-call and wrap-up rule sets), {@code report} (dashboard progress and reports over the attempt history) and
 * {@code pacing} (the pacing brain and its simulator). See docs/CAMPAIGNS.md.
 */
package org.opendialer.campaign;
