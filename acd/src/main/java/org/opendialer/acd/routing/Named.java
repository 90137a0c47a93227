package org.opendialer.acd.routing;

import java.time.Instant;
import java.util.UUID;

/** A skill or a wrap-up code: a name with the resource fields every entity carries. */
public record Named(UUID id, String name, Instant dateCreated, Instant dateModified, int version) {
}
