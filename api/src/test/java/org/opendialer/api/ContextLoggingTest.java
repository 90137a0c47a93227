package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.junit.jupiter.api.Test;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.logging.LogSetup;
import org.slf4j.LoggerFactory;

/** Call context given to a child logger reaches logback's events, also through child of child. */
class ContextLoggingTest {

    @Test
    void childLoggerContextReachesLogback() {
        LogSetup.apply(new ConfigLoader().load(null, Map.of()).logging());
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(ctx);
        captured.start();
        ch.qos.logback.classic.Logger target = ctx.getLogger("test.calls");
        target.addAppender(captured);
        try {
            Logger campaign = new LoggerImpl("test.calls").createChildLogger("test.calls", Map.of("campaignId", "cmp-7"));
            Logger call = campaign.createChildLogger("test.calls", Map.of("callId", "call-42"));
            call.info("answered");
            assertThat(captured.list).hasSize(1);
            String msg = captured.list.getFirst().getFormattedMessage();
            assertThat(msg).contains("campaignId=cmp-7").contains("callId=call-42").endsWith("answered");
        } finally {
            target.detachAppender(captured);
        }
    }
}
