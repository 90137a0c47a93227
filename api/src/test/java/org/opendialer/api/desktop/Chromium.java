package org.opendialer.api.desktop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver (nothing downloaded), for the pages' browser tests; a missing
 * browser or driver fails the test (CI installs both packages).
 */
public final class Chromium {

    static final String BROWSER = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {
    }

    /** A new browser whose profile lives under {@code tmp}. */
    public static ChromeDriver start(Path tmp) throws Exception {
        for (String p : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(Path.of(p))) {
                throw new AssertionError(p + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
            }
        }
        ChromeOptions o = new ChromeOptions().setBinary(BROWSER);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"),
                // nothing but the node resolves: the page needs nothing from outside (the CRM link is not followed)
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }
}
