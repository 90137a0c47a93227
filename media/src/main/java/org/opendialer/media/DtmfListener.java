package org.opendialer.media;

/** Receives digits detected on a leg; called on the leg's event loop, so it must not block. */
@FunctionalInterface
public interface DtmfListener {
    void onDtmf(DtmfEvent event);
}
