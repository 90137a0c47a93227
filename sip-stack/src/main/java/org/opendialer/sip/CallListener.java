package org.opendialer.sip;

/** Receives one leg's events on that leg's serial executor; must not block for long. */
@FunctionalInterface
public interface CallListener {
    void onEvent(CallEvent event);
}
