package org.opendialer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard. Literal addresses only (and localhost): nothing here opens a connection. */
class TargetGuardTest {

    private final TargetGuard defaults = TargetGuard.of(WebhooksConfig.defaults());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:8080/hook         | a loopback address",
            "http://localhost/hook              | a loopback address",
            "http://[::1]/hook                  | a loopback address",
            "http://127.1.2.3/hook              | a loopback address",
            "http://10.0.0.1/hook               | a private address",
            "http://172.16.5.4/hook             | a private address",
            "https://192.168.1.1/hook           | a private address",
            "http://[fd12:3456::1]/hook         | a private address",
            "http://169.254.169.254/latest/meta | a link-local address",
            "http://[fe80::1]/hook              | a link-local address",
            "http://0.0.0.0/hook                | an unspecified address",
            "http://[::]/hook                   | an unspecified address",
            "http://0.1.2.3/hook                | an unspecified address",
            "http://224.0.0.1/hook              | a multicast or broadcast address",
            "http://255.255.255.255/hook        | a multicast or broadcast address",
            "http://[::ffff:10.1.1.1]/hook      | a private address",
            "http://[::10.1.1.1]/hook           | a private address",
            "http://[64:ff9b::7f00:1]/hook      | a loopback address",
            "http://100.100.1.1/hook            | carrier-grade NAT",
            "ftp://example.com/hook             | only http and https",
            "file:///etc/passwd                 | only http and https",
            "http:///nohost                     | names no host",
            "not a url at all                   | not a URL",
    })
    void refusedByDefault(String url, String reason) {
        assertThatThrownBy(() -> defaults.check("webhook.url", url))
                .isInstanceOf(TargetGuard.RefusedTarget.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook.url: ").hasMessageContaining(reason);
    }

    @Test
    void publicAddressesPass() {
        assertThatCode(() -> defaults.check("webhook.url", "https://93.184.216.34/hook")).doesNotThrowAnyException();
        assertThatCode(() -> defaults.check("webhook.url", "http://[2001:4860:4860::8888]:8443/x")).doesNotThrowAnyException();
    }

    @Test
    void theServersOwnAddressesAreRefusedEvenWhenPublic() throws Exception {
        InetAddress ours = InetAddress.getByName("203.0.113.7");
        assertThat(TargetGuard.refusal(ours, Set.of(ours))).isEqualTo("an address of this server");
        assertThat(TargetGuard.refusal(ours, Set.of())).isNull();
    }

    @Test
    void theAllowListOpensSingleBlocksAndHosts() {
        TargetGuard cidr = new TargetGuard(false, List.of("127.0.0.0/8", "fd00::/8"));
        assertThatCode(() -> cidr.check("u", "http://127.0.0.1:9/hook")).doesNotThrowAnyException();
        assertThatCode(() -> cidr.check("u", "http://[fd00::5]/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> cidr.check("u", "http://10.0.0.1/hook")).hasMessageContaining("a private address");
        TargetGuard partial = new TargetGuard(false, List.of("172.16.0.0/13", "10.1.2.3"));
        assertThatCode(() -> partial.check("u", "http://172.23.255.254/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> partial.check("u", "http://172.24.0.1/hook")).hasMessageContaining("a private address");
        assertThatCode(() -> partial.check("u", "http://10.1.2.3/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> partial.check("u", "http://10.1.2.4/hook")).hasMessageContaining("a private address");

        TargetGuard host = new TargetGuard(false, List.of("LocalHost"));
        assertThatCode(() -> host.check("u", "http://localhost:9/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> host.check("u", "http://127.0.0.1:9/hook")).hasMessageContaining("loopback");

        TargetGuard all = new TargetGuard(true, List.of());
        assertThatCode(() -> all.check("u", "http://192.168.0.1/hook")).doesNotThrowAnyException();
        assertThatThrownBy(() -> all.check("u", "gopher://192.168.0.1/")).hasMessageContaining("only http and https");
    }

    @Test
    void aBadAllowListEntryStopsTheStart() {
        assertThatThrownBy(() -> new WebhooksConfig(false, List.of("10.0.0.0/33"), "", 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("allowedTargets: '10.0.0.0/33'");
        assertThatThrownBy(() -> new WebhooksConfig(false, List.of("10.0.0.0/x"), "", 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("allowedTargets:");
        assertThatThrownBy(() -> new WebhooksConfig(false, List.of("hooks.example/24"), "", 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("allowedTargets: 'hooks.example/24'");
        assertThatThrownBy(() -> new WebhooksConfig(false, List.of(" "), "", 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("allowedTargets: ''");
        assertThatThrownBy(() -> new WebhooksConfig(false, List.of(), "short", 0, 0, 0, 0, 0, 0, 0))
                .hasMessageStartingWith("defaultSecret:");
    }
}
