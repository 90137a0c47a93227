package org.opendialer.ivr.run;

import java.time.Clock;
import java.util.Objects;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.ivr.data.DataActions;
import org.opendialer.ivr.flow.FlowStore;

/**
 * What running flows reach outside the call: CRM data actions, the consent ledger (opt-out), the ACD (queue
 * transfers), prompt files and recordings, the trace, the flow store (an overflow's next flow) and the clock that
 * stamps the trace.
 */
public record FlowRuntime(DataActions dataActions, ConsentLedger consent, QueueTransfer queues, Prompts prompts,
                          FlowExecutions trace, FlowStore flows, Clock clock) {
    public FlowRuntime {
        Objects.requireNonNull(dataActions, "dataActions");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(clock, "clock");
    }
}
