package org.opendialer.api.desktop;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.acd.Acd;
import org.opendialer.api.auth.AgentAccounts;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.consent.ConsentLedger;

/**
 * The agent desktop and supervisor page of one node, assembled in one place: accounts, views, stream tickets,
 * the LISTEN/NOTIFY hub and the open streams, plus the parts other modules plug in ({@link AgentCallControl},
 * {@link FlowTraces}, {@link PreviewDecisions}), replaceable at any time with {@code use}.
 */
public final class Desktop implements AutoCloseable {

    /** How often every stream's view is recomputed anyway, in case a notification was lost. */
    static final Duration RESYNC = Duration.ofSeconds(5);

    private final Acd acd;
    private final ConsentLedger ledger;
    private final AgentAccounts accounts;
    private final DesktopViews views;
    private final StreamTickets tickets;
    private final InteractionStore interactions;
    private final EventStreams streams;
    private final RoutingEvents events;
    private volatile AgentCallControl callControl;
    private volatile FlowTraces traces = FlowTraces.NONE;
    private volatile PreviewDecisions previews = PreviewDecisions.NONE;

    private Desktop(Vertx vertx, Blocking blocking, DataSource ds, Acd acd, ConsentLedger ledger, Clock clock) {
        this.acd = acd;
        this.ledger = ledger;
        this.accounts = new AgentAccounts(ds);
        this.views = new DesktopViews(ds);
        this.tickets = new StreamTickets(ds, clock);
        this.interactions = new InteractionStore(ds);
        this.callControl = AgentCallControl.stateOnly(acd.router());
        this.streams = new EventStreams(vertx, blocking, tickets, views, clock);
        this.events = RoutingEvents.start(ds, RESYNC, streams::changed, streams::event);
    }

    public static Desktop start(Vertx vertx, Blocking blocking, DataSource ds, Acd acd, ConsentLedger ledger, Clock clock) {
        return new Desktop(vertx, blocking, ds, acd, ledger, clock);
    }

    public void use(AgentCallControl control) {
        this.callControl = control;
    }

    public void use(FlowTraces flowTraces) {
        this.traces = flowTraces;
    }

    public void use(PreviewDecisions decisions) {
        this.previews = decisions;
    }

    /** Sends an event (e.g. {@code preview} with the contact's fields) to the agent's desktops on every node. */
    public void publish(UUID agentId, String type, JsonObject data) {
        events.publish(agentId, type, data);
    }

    public AgentAccounts accounts() {
        return accounts;
    }

    AgentCallControl callControl() {
        return callControl;
    }

    FlowTraces traces() {
        return traces;
    }

    PreviewDecisions previews() {
        return previews;
    }

    Acd acd() {
        return acd;
    }

    ConsentLedger ledger() {
        return ledger;
    }

    DesktopViews views() {
        return views;
    }

    StreamTickets tickets() {
        return tickets;
    }

    InteractionStore interactions() {
        return interactions;
    }

    EventStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        events.close();
        streams.close();
    }
}
