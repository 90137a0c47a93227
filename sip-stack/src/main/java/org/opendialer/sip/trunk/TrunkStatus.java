package org.opendialer.sip.trunk;

/**
 * A trunk's state for the API, metrics and readiness: health, channels in use and capacity, the configured call
 * rate (attempts per second), attempts and failovers since start.
 */
public record TrunkStatus(String name, String kind, String group, boolean up, int inUse, int capacity,
                          double maxCallsPerSecond, long attempts, long failovers) { }
