package org.opendialer.amd;

/** How the greeting of a detected machine ended. */
public enum MachineEndKind {
    /** A steady tone (the beep) ended; a message can be left now. */
    MACHINE_END_BEEP,
    /** The greeting stopped and no beep followed within {@link AmdParams#machineEndSilenceMs()}. */
    MACHINE_END_SILENCE,
    /** Neither happened within {@link AmdParams#machineEndMaxMs()} (endless announcement, music, noise). */
    MACHINE_END_OTHER
}
