package org.opendialer.sip.trunk;

/** A trunk's state for the API and metrics: health, channels in use and capacity, attempts and failovers. */
public record TrunkStatus(String name, String kind, String group, boolean up, int inUse, int capacity,
                          long attempts, long failovers) { }
