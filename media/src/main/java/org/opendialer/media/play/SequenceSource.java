package org.opendialer.media.play;

import java.util.List;

/** Plays sources back to back without a gap frame between them. */
public final class SequenceSource implements FrameSource {

    private final FrameSource[] items;
    private int index;

    public SequenceSource(List<FrameSource> items) {
        this.items = items.toArray(FrameSource[]::new);
    }

    @Override
    public boolean read(short[] out) {
        while (index < items.length) {
            if (items[index].read(out)) {
                return true;
            }
            index++;
        }
        return false;
    }
}
