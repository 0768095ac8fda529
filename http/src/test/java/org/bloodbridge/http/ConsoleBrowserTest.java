package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.File;
import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bloodbridge.http.access.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * The console in a real browser (the system's headless Chromium) against a real node and the real
 * test identity provider: sign-in through the provider's own login page (authorization code with
 * PKCE), the header, donor lookup by ID card (the number in no URL and no log line), the emergency
 * match form and the requests board, both languages. Screenshots go to
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How often a wait looks again: Selenium's default, 500 ms, adds a quarter second to each wait on average. */
    private static final Duration POLL = Duration.ofMillis(100);

    private static TestServer server;
    private static final ListAppender<ILoggingEvent> serverLog = new ListAppender<>();
    private static Level rootLevel;

    private WebDriver driver;
    private WebDriverWait wait;
    private final List<WebDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();
    private final List<String> urlsSeen = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        // Every line the node logs at INFO and above during the test, to look for the national ID.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        serverLog.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        serverLog.start();
        root.addAppender(serverLog);
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(serverLog);
        if (rootLevel != null) {
            root.setLevel(rootLevel);
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Called by the tests that use the browser. */
    private void startBrowser() throws IOException {
        driver = newBrowser();
        wait = new WebDriverWait(driver, WAIT, POLL);
    }

    /** A browser of its own (profile, session storage): another user at another desk. Quit after each test. */
    private WebDriver newBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)");
        Path profile = Files.createTempDirectory("bloodbridge-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        // Both set explicitly: Selenium Manager never looks for (or downloads) a browser or a driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        drivers.add(browser);
        return browser;
    }

    @AfterEach
    void quitBrowser(TestInfo test) {
        for (int i = 0; i < drivers.size(); i++) {
            WebDriver browser = drivers.get(i);
            try {
                // Where the page ended, for a failure's diagnosis.
                screenshot(browser, "last-" + test.getTestMethod().map(m -> m.getName()).orElse("test") + (i == 0 ? "" : "-" + i));
                System.out.println("[console] " + browser.getCurrentUrl() + ": "
                        + browser.findElement(By.tagName("body")).getText().replace('\n', ' '));
            } catch (RuntimeException e) {
                System.out.println("[console] no last screenshot: " + e);
            } finally {
                browser.quit();
            }
        }
        drivers.clear();
        profiles.forEach(ConsoleBrowserTest::deleteRecursively);
        profiles.clear();
    }

    @Test
    void aDonorSiteSignsInAndLooksUpADonorByIdCard() throws IOException {
        startBrowser();
        TestTokens.of("t-cd-site", List.of("CD"), List.of("donor-site")); // the user exists, password = name
        String nationalId = TestIds.resident(LocalDate.of(1990, 5, 1), true);
        String donorId = register("""
                {"centre": "CD", "idType": "CN_RIC", "nationalId": "%s", "name": "Wang Wei", "sex": "M",
                 "birthDate": "1990-05-01", "weightKg": 62, "abo": "O", "rhD": "POS",
                 "hla": {"A": ["A*02:01", "A*24:02"], "B": ["B*46:01", "B13"]}}""".formatted(nationalId));

        open("/");
        WebElement signIn = wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        assertEquals("登录", signIn.getText()); // Chinese by default
        screenshot("01-signed-out");

        signInAs("t-cd-site");
        wait.until(ExpectedConditions.textToBe(By.id("user"), "t-cd-site"));
        assertEquals("CD", driver.findElement(By.id("user-centres")).getText());
        assertEquals("donor-site", driver.findElement(By.id("user-roles")).getText());
        // Back on the console's own address: the code and state are gone from the address bar.
        assertEquals(server.uri("/").toString(), url());
        // A donor site has the lookup and no coordinator screens.
        assertTrue(driver.findElements(By.id("nav-match")).isEmpty());
        screenshot("02-signed-in");

        driver.findElement(By.id("lookup-id")).sendKeys(nationalId);
        driver.findElement(By.id("lookup-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("donor-id"), donorId));
        WebElement wholeBlood = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("table.eligibility tr[data-type='WHOLE_BLOOD']")));
        assertTrue(wholeBlood.getText().contains("可以献血"), wholeBlood.getText()); // never donated: eligible
        assertTrue(driver.findElement(By.cssSelector("table.eligibility tr[data-type='PLATELETS_APHERESIS']")).isDisplayed());
        assertEquals("Wang Wei", driver.findElement(By.id("donor-name")).getText()); // home centre: the API shows the name
        assertEquals("", driver.findElement(By.id("lookup-id")).getAttribute("value")); // the field is cleared
        url();
        screenshot("03-donor-found");

        driver.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.id("nav-lookup"), "Donor lookup"));
        assertTrue(wholeBlood().getText().contains("Eligible"), wholeBlood().getText());
        assertEquals("en", ((JavascriptExecutor) driver).executeScript("return document.documentElement.lang"));
        screenshot("04-english");
        driver.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.id("nav-lookup"), "献血者查询"));

        // A number that is not registered: said in words.
        driver.findElement(By.id("lookup-id")).sendKeys(TestIds.resident(LocalDate.of(1991, 1, 2), false));
        driver.findElement(By.id("lookup-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("p.error"), "未找到。"));
        url();

        // The ID number was in no address the browser was at, fetched, or kept in its storage ...
        for (String seen : urlsSeen) {
            assertFalse(seen.contains(nationalId), seen);
        }
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name)");
        assertTrue(fetched.stream().anyMatch(u -> u.endsWith("/api/v1/donors/lookup")), fetched.toString());
        fetched.forEach(u -> assertFalse(u.contains(nationalId), u));
        String storage = (String) ((JavascriptExecutor) driver).executeScript(
                "return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)");
        assertFalse(storage.contains(nationalId));
        // ... nor in any line the node logged, nor in the provider's log, nor in the audit trail.
        assertTrue(serverLog.list.stream().noneMatch(e -> e.getFormattedMessage().contains(nationalId)));
        assertFalse(Files.readString(TestIdentityProvider.shared().logFile()).contains(nationalId));
        HttpResponse<String> audit = server.get("/api/v1/audit?donorId=" + donorId);
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("donors/lookup"), audit.body());
        assertFalse(audit.body().contains(nationalId));

        // Sign-out ends the provider's session and comes back to the console, signed out.
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        screenshot("05-signed-out-again");
    }

    @Test
    void aCoordinatorRunsAnEmergencyMatchAndFollowsItOnTheBoard() throws IOException {
        startBrowser();
        TestTokens.of("t-cd-coord", List.of("CD"), List.of("coordinator"));
        String donorId = register("""
                {"centre": "CD", "idType": "CN_RIC", "nationalId": "%s", "sex": "M", "birthDate": "1985-03-04",
                 "weightKg": 70, "abo": "O", "rhD": "POS",
                 "hla": {"A": ["A*02:01", "A*24:02"], "B": ["B*46:01", "B13"]}}"""
                .formatted(TestIds.resident(LocalDate.of(1985, 3, 4), true)));

        open("/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        signInAs("t-cd-coord");
        wait.until(ExpectedConditions.textToBe(By.id("user"), "t-cd-coord"));
        // A coordinator has the board and the match form, not the donor lookup.
        assertTrue(driver.findElements(By.id("nav-lookup")).isEmpty());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-match"))).click();

        driver.findElement(By.id("m-hospital")).sendKeys("West China Hospital");
        driver.findElement(By.id("m-patient")).sendKeys("P-123");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("m-abo"))).selectByValue("A");
        driver.findElement(By.id("m-hla-a")).sendKeys("A2, A24");
        driver.findElement(By.id("m-hla-b")).sendKeys("B46, B60");
        driver.findElement(By.id("m-hla-ab")).sendKeys("B7");
        // The node's today is 2026-11-25 (TestServer's clock); any later date is a valid deadline.
        ((JavascriptExecutor) driver).executeScript("document.getElementById('m-needed-by').value = '2026-11-26'");
        driver.findElement(By.id("match-submit")).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("match-result")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#match-result table.candidates"), donorId));
        assertTrue(result.getText().contains("CANDIDATES_FOUND"), result.getText());
        screenshot("06-emergency-match");

        // The board lists the request (the listing lags writes by up to a second: refresh until it is there).
        driver.findElement(By.id("nav-requests")).click();
        wait.pollingEvery(Duration.ofMillis(500)).until(d -> {
            List<WebElement> open = d.findElements(By.cssSelector("#requests button[data-request]"));
            if (open.isEmpty()) {
                d.findElement(By.id("requests-refresh")).click();
                return false;
            }
            return true;
        });
        driver.findElement(By.cssSelector("#requests button[data-request]")).click();
        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-detail")));
        assertTrue(detail.findElement(By.cssSelector("table.timeline")).getText().contains("CREATED"), detail.getText());
        assertTrue(detail.findElement(By.cssSelector("table.timeline")).getText().contains("CD"), detail.getText());
        screenshot("07-request-timeline");

        // On a tablet: the board with the request open, and the match form with its result.
        asATablet();
        fitsATablet("requests", "requests-refresh", "request-detail");
        screenshot("console-requests-tablet-zh");
        fitsATablet("match", "m-hospital", "m-abo", "m-needed-by", "match-submit", "match-result");

        // A token the node does not accept (here: its signature broken): the page says so and offers sign-in.
        ((JavascriptExecutor) driver).executeScript("""
                const s = JSON.parse(sessionStorage.getItem('bloodbridge.session'));
                const parts = s.accessToken.split('.');
                parts[2] = parts[2].split('').reverse().join('');
                s.accessToken = parts.join('.');
                sessionStorage.setItem('bloodbridge.session', JSON.stringify(s));""");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("p.error"), "您的登录已失效，请重新登录。"));
        assertTrue(driver.findElement(By.id("sign-in")).isDisplayed());
        screenshot("08-token-refused");
    }

    /** HLA no other donor of this class has: the live tests' donor ranks first. */
    private static final String LIVE_HLA = "{\"A\": [\"A1\", \"A3\"], \"B\": [\"B8\", \"B35\"]}";
    /** How long a change may take to reach another session (the issue asks 1 s; this is the test's safety margin on a loaded machine). */
    private static final Duration LIVE = Duration.ofSeconds(10);

    private static String liveRequest(String patient) {
        return """
                {"requestingCentre": "CD", "hospital": "West China Hospital", "product": "PLATELETS_APHERESIS",
                 "units": 1, "urgency": "EMERGENCY", "neededBy": "2026-11-26",
                 "patient": {"reference": "%s", "sex": "F", "abo": "A", "rhD": "POS", "hla": %s},
                 "maxCandidates": 5, "timeoutMs": 3000}""".formatted(patient, LIVE_HLA);
    }

    /** A match request by CD (posted until the pools have taken {@code donorId} in) that has the donor as a candidate. */
    private static String requestWith(String donorId, String patient) {
        return MatchApiTest.matchUntil(server, liveRequest(patient), r -> MatchApiTest.donorIds(r).contains(donorId))
                .get("requestId").asText();
    }

    private static void step(String token, String path, String body, int status) {
        HttpResponse<String> response = server.postAs(token, "/api/v1/match-requests/" + path, body);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
    }

    @Test
    void theRequestEventStreamIsLiveAndResumesExactlyAfterTheLastEventId() {
        String cd = TestTokens.of("t-cd-events", List.of("CD"), List.of("coordinator"));
        String lz = TestTokens.of("t-lz-events", List.of("LZ"), List.of("coordinator"));
        String donorId = register(Donors.registration("CQ", "A", "POS", LIVE_HLA, "{\"HPA-1\": \"bb\"}", "{}"));
        URI events = server.uri("/api/v1/match-requests/events");
        EventStreamReader.Event created;
        String requestId;
        try (EventStreamReader cdEvents = EventStreamReader.open(events, cd, null);
             EventStreamReader lzEvents = EventStreamReader.open(events, lz, null)) {
            EventStreamReader.Event ready = cdEvents.next(e -> true, Duration.ofSeconds(10));
            assertEquals("ready", ready.type());
            requestId = requestWith(donorId, "P-EVENTS");
            String id = requestId;
            // Each step comes as announced by the node (no id) and as stored (with the id to resume from).
            created = cdEvents.next(e -> e.data().contains(id) && e.id() != null, LIVE);
            assertEquals("created", created.type());
            JsonNode data = json(created.data());
            assertEquals("CREATED", data.get("type").asText());
            assertEquals("CD", data.get("requestingCentre").asText());
            assertEquals(1, data.get("seqNr").asLong());

            long start = System.nanoTime();
            step(cd, requestId + "/candidates/" + donorId + "/contact", "{}", 200);
            EventStreamReader.Event announced = cdEvents.next(e -> e.data().contains(id) && e.type().equals("contacted"), LIVE);
            long announcedMs = (System.nanoTime() - start) / 1_000_000;
            EventStreamReader.Event contacted = cdEvents.next(e -> e.data().contains(id) && e.id() != null, LIVE);
            System.out.printf("[live] contact -> first copy on the stream: %d ms, stored copy (with id): %d ms%n",
                    announcedMs, (System.nanoTime() - start) / 1_000_000);
            assertEquals(null, announced.id(), "the announced copy comes first, without an id");
            assertEquals(json(announced.data()), json(contacted.data()), "both copies say the same");
            assertEquals("contacted", contacted.type());
            assertEquals(donorId, json(contacted.data()).get("donorId").asText());
            assertEquals(2, json(contacted.data()).get("seqNr").asLong());

            // While nobody listens, the donor accepts.
            cdEvents.close();
            step(cd, requestId + "/candidates/" + donorId + "/accept", "{}", 200);

            // Back with the id of the created event: the contact and the accept, each once, in order.
            try (EventStreamReader resumed = EventStreamReader.open(events, cd, created.id())) {
                assertEquals(created.id(), resumed.next(e -> true, Duration.ofSeconds(10)).id()); // ready, at the given position
                assertEquals("contacted", resumed.next(e -> e.data().contains(id), LIVE).type());
                EventStreamReader.Event accepted = resumed.next(e -> e.data().contains(id), LIVE);
                assertEquals(2, resumed.seen().stream().filter(e -> e.data().contains(id)).count());
                assertEquals("accepted", accepted.type());
                assertEquals(3, json(accepted.data()).get("seqNr").asLong());
                // And from the accept's id, nothing of this request until its next step.
                step(cd, requestId + "/cancel", "{}", 200);
                try (EventStreamReader fromAccepted = EventStreamReader.open(events, cd, accepted.id())) {
                    EventStreamReader.Event cancelled = fromAccepted.next(e -> e.data().contains(id), LIVE);
                    assertEquals("cancelled", cancelled.type());
                    assertEquals(4, json(cancelled.data()).get("seqNr").asLong());
                }
            }
            // A centre with no part in the request saw none of it (by now it has long had the time to).
            List<EventStreamReader.Event> lzSaw = new ArrayList<>(lzEvents.seen());
            lzSaw.addAll(lzEvents.pending());
            assertTrue(lzSaw.stream().noneMatch(e -> e.data().contains(id)), lzSaw.toString());
            assertFalse(lzSaw.isEmpty(), "the LZ stream is open (its ready event)");
        }

        // An id the stream never sent: 400 naming the header. A role without the right: 403.
        HttpResponse<String> bad = server.sendAs(cd, HttpRequest.newBuilder(events).header("Last-Event-ID", "12").GET());
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("Last-Event-ID", TestServer.json(bad).get("field").asText());
        String site = TestTokens.of("t-cd-site", List.of("CD"), List.of("donor-site"));
        assertEquals(403, server.sendAs(site, HttpRequest.newBuilder(events).GET()).statusCode());
        // The subscription is audited once per connection (4: three streams and the refused id), never per event.
        HttpResponse<String> audit = server.get("/api/v1/audit?subject=" + TestTokens.subjectOf(cd));
        assertEquals(200, audit.statusCode(), audit.body());
        assertEquals(4, audit.body().split("\"GET /api/v1/match-requests/events\"", -1).length - 1, audit.body());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void twoCoordinatorsFollowARequestLiveAndTakeItsStepsFromTheTimeline() throws IOException {
        TestTokens.of("t-cd-live", List.of("CD"), List.of("coordinator"));
        TestTokens.of("t-cq-live", List.of("CQ"), List.of("coordinator"));
        String donorId = register(Donors.registration("CQ", "A", "POS", LIVE_HLA, "{\"HPA-1\": \"bb\"}", "{}"));
        WebDriver cd = newBrowser();
        WebDriverWait cdWait = new WebDriverWait(cd, LIVE, Duration.ofMillis(50)); // polled often: the latencies printed are real
        signInAs(cd, "t-cd-live");
        awaitLive(cd);

        // Requests made elsewhere (here over the API) appear on the open board without a reload.
        String requestId = requestWith(donorId, "P-LIVE-1");
        String other = requestWith(donorId, "P-LIVE-2");
        step(TestTokens.federation(), other + "/candidates/" + donorId + "/contact", "{}", 200);
        step(TestTokens.federation(), other + "/candidates/" + donorId + "/accept", "{}", 200);
        cdWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#requests tr[data-row='" + requestId + "']")));
        cdWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#requests tr[data-row='" + other + "']")));
        screenshot(cd, "console-board-zh");
        cd.findElement(By.cssSelector("button[data-request='" + requestId + "']")).click();
        cdWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "CANDIDATES_FOUND"));
        // The candidate's centre does the recruiting: CD, the requesting centre, is offered it too, and the closing steps.
        assertFalse(cd.findElements(By.id("action-cancel")).isEmpty());

        // The candidate's centre opens the request by its ID (the CQ board lists CQ's own requests).
        WebDriver cq = newBrowser();
        WebDriverWait cqWait = new WebDriverWait(cq, LIVE, Duration.ofMillis(50));
        signInAs(cq, "t-cq-live");
        awaitLive(cq);
        cq.findElement(By.id("open-request-id")).sendKeys(requestId);
        cq.findElement(By.id("open-request")).click();
        cqWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "CANDIDATES_FOUND"));
        assertTrue(cq.findElements(By.id("action-cancel")).isEmpty(), "only the requesting centre may cancel");

        long start = System.nanoTime();
        action(cq, "contact", donorId).click();
        cdWait.until(ExpectedConditions.textToBe(candidateState(donorId), "CONTACTED"));
        System.out.printf("[live] contact in one browser -> shown in the other: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        cdWait.until(ExpectedConditions.textToBe(By.cssSelector("#requests tr[data-row='" + requestId + "'] td.status"), "RECRUITING"));
        assertTrue(cd.findElement(By.cssSelector("table.timeline")).getText().contains("CQ"));

        start = System.nanoTime();
        action(cq, "accept", donorId).click();
        cdWait.until(ExpectedConditions.textToBe(candidateState(donorId), "ACCEPTED"));
        System.out.printf("[live] accept in one browser -> shown in the other: %d ms%n", (System.nanoTime() - start) / 1_000_000);

        // Allocation asks first; the other browser sees it happen.
        action(cd, "allocate", donorId).click();
        WebElement question = cdWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-question")));
        assertTrue(question.getText().contains(donorId) && question.getText().contains("CQ"), question.getText());
        cd.findElement(By.id("confirm-yes")).click();
        start = System.nanoTime();
        cqWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "ALLOCATED"));
        System.out.printf("[live] allocate in one browser -> shown in the other: %d ms%n", (System.nanoTime() - start) / 1_000_000);
        cqWait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.timeline"), "ALLOCATED"));
        ((JavascriptExecutor) cd).executeScript("document.getElementById('request-detail').scrollIntoView()");
        screenshot(cd, "console-timeline-zh");

        // The same donor in the other request is now reserved here: the conflict is said in words.
        cd.findElement(By.id("open-request-id")).sendKeys(other);
        cd.findElement(By.id("open-request")).click();
        cdWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "RECRUITING"));
        action(cd, "allocate", donorId).click();
        cdWait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
        WebElement conflict = cdWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("action-error")));
        assertTrue(conflict.getText().startsWith("无法执行: "), conflict.getText());
        assertTrue(conflict.getText().contains("该献血者已分配给另一个未结束的配型申请"), conflict.getText()); // the code, in words
        assertTrue(conflict.getText().contains("allocated to another open match request"), conflict.getText()); // the server's
        screenshot(cd, "console-conflict-zh");
        // A step abandoned at its confirmation changes nothing; confirmed, it cancels the request.
        cd.findElement(By.id("action-cancel")).click();
        cdWait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-no"))).click();
        assertTrue(cd.findElements(By.id("confirm-box")).isEmpty());
        assertEquals("RECRUITING", cd.findElement(By.id("detail-status")).getText());
        cd.findElement(By.id("action-cancel")).click();
        cdWait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
        cdWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "CANCELLED"));
        assertTrue(cd.findElements(By.id("action-cancel")).isEmpty());

        // Back to the first request: fulfilled, and the candidate's centre sees it.
        cd.findElement(By.cssSelector("button[data-request='" + requestId + "']")).click();
        cdWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "ALLOCATED"));
        cd.findElement(By.id("action-fulfil")).click();
        cdWait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
        cqWait.until(ExpectedConditions.textToBe(By.id("detail-status"), "FULFILLED"));
        cdWait.until(ExpectedConditions.textToBe(By.cssSelector("#requests tr[data-row='" + requestId + "'] td.status"), "FULFILLED"));

        cd.findElement(By.id("language")).click();
        cdWait.until(ExpectedConditions.textToBe(By.id("nav-requests"), "Match requests"));
        assertEquals("Live updates: connected", cd.findElement(By.id("live-status")).getText());
        ((JavascriptExecutor) cd).executeScript("window.scrollTo(0, 0)");
        screenshot(cd, "console-board-en");
        ((JavascriptExecutor) cd).executeScript("document.getElementById('request-detail').scrollIntoView()");
        screenshot(cd, "console-timeline-en");
    }

    private static void awaitLive(WebDriver browser) {
        new WebDriverWait(browser, WAIT, POLL).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#live-status[data-state='live']")));
    }

    private static WebElement action(WebDriver browser, String action, String donorId) {
        return new WebDriverWait(browser, LIVE, POLL).until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#request-detail button.action[data-action='" + action + "'][data-donor='" + donorId + "']")));
    }

    private static By candidateState(String donorId) {
        return By.cssSelector("#request-detail table.candidates tr[data-donor='" + donorId + "'] td.state");
    }

    /**
     * One centre's staff user with the donor-site, lab, recruiter and registry-admin roles (one
     * sign-in for five screens, at 1280x800): the donor screen (eligibility with reasons, a deferral
     * recorded through the form changes it, a bad date is said beside its field), the registry
     * search, the statistics chart against {@code /api/v1/stats}, a recall acknowledged off the
     * open list, an NDJSON import with one rejection; each screen in both languages, then on a tablet.
     */
    @Test
    void aCentreUserWorksTheDonorRegistryStatisticsRecallsAndImportScreens() throws IOException {
        String token = TestTokens.of("t-cd-staff", List.of("CD"), List.of("donor-site", "lab", "recruiter", "registry-admin"));
        String nationalId = TestIds.resident(LocalDate.of(1988, 8, 8), false);
        // The only AB RhD- platelet-panel donor of this class: what the registry search finds.
        String donorId = register("""
                {"centre": "CD", "idType": "CN_RIC", "nationalId": "%s", "name": "Li Na", "sex": "F",
                 "birthDate": "1988-08-08", "weightKg": 60, "abo": "AB", "rhD": "NEG",
                 "hla": {"A": ["A*11:01", "A*33:03"], "B": ["B*58:01", "B*40:01"]}}""".formatted(nationalId));
        // A donor whose earlier CD donation goes on CD's recall list once a reactive result is recorded.
        String recalled = register(Donors.registration("CD", "O", "POS", "{}", "{}", "{}"));
        assertEquals(201, server.post("/api/v1/donors/" + recalled + "/donations",
                "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-07-15\", \"volumeMl\": 400}").statusCode());
        Recalls.hiv(server, recalled, "CD", "2026-11-20", "REACTIVE");

        startBrowser();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        open("/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
        signInAs("t-cd-staff");
        wait.until(ExpectedConditions.textToBe(By.id("user"), "t-cd-staff"));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the screens re-render as answers come
        assertTrue(driver.findElements(By.id("nav-match")).isEmpty()); // no coordinator role
        Object historyAtStart = ((JavascriptExecutor) driver).executeScript("return history.length");

        // Donor: eligible for both types; a deferral recorded through the form makes both "not eligible", with its reason.
        driver.findElement(By.id("lookup-id")).sendKeys(nationalId);
        driver.findElement(By.id("lookup-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("donor-id"), donorId));
        assertTrue(eligibility("WHOLE_BLOOD").getText().contains("可以献血"), eligibility("WHOLE_BLOOD").getText());
        assertTrue(eligibility("PLATELETS_APHERESIS").getText().contains("可以献血"));
        // A bad date: the server's 400 names the field, shown beside it; nothing is written.
        setValue("deferral-from", "2026-11-20");
        setValue("deferral-until", "2026-11-01");
        driver.findElement(By.id("deferral-reason")).sendKeys("low haemoglobin");
        driver.findElement(By.id("deferral-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
        WebElement untilError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deferral-until-error")));
        assertTrue(untilError.getText().startsWith("输入有误"), untilError.getText());
        assertTrue(eligibility("WHOLE_BLOOD").getText().contains("可以献血"));
        setValue("deferral-until", "2027-02-20");
        driver.findElement(By.id("deferral-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("table.eligibility tr[data-type='WHOLE_BLOOD'] td.verdict"), "暂不能献血"));
        for (String type : List.of("WHOLE_BLOOD", "PLATELETS_APHERESIS")) {
            String row = eligibility(type).getText();
            assertTrue(row.contains("DEFERRED_TEMPORARY") && row.contains("2027"), row); // the reason and the next date
        }
        assertTrue(driver.findElement(By.id("deferrals")).getText().contains("low haemoglobin"));
        assertTrue(driver.findElement(By.id("deferral-done")).isDisplayed());
        bothLanguages("donor", "table.eligibility");

        // Registry: the platelet panel, AB, at CD: the donor above (the pools may lag a write by a second: search again).
        driver.findElement(By.id("nav-registry")).click();
        new org.openqa.selenium.support.ui.Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("r-panel"))))
                .selectByValue("PLATELET");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("r-abo"))).selectByValue("AB");
        wait.pollingEvery(Duration.ofMillis(500)).until(d -> {
            d.findElement(By.id("registry-submit")).click();
            return !d.findElements(By.cssSelector("#registry-results tr[data-donor='" + donorId + "']")).isEmpty();
        });
        assertEquals(1, driver.findElements(By.cssSelector("#registry-results tbody tr")).size());
        assertFalse(driver.findElement(By.id("registry-next")).isEnabled()); // one page
        bothLanguages("registry", null);

        // Recalls: the open recall of the earlier donation; acknowledged, it leaves the open list.
        driver.findElement(By.id("nav-recalls")).click();
        By recallRow = By.cssSelector("#recalls tr[data-donor='" + recalled + "']");
        wait.pollingEvery(Duration.ofMillis(500)).until(d -> {
            if (d.findElements(recallRow).isEmpty()) {
                d.findElement(By.id("recalls-refresh")).click();
                return false;
            }
            return true;
        });
        WebElement recall = driver.findElement(recallRow);
        assertTrue(recall.getText().contains("HIV"), recall.getText());
        bothLanguages("recalls", null);
        recall = driver.findElement(recallRow);
        new org.openqa.selenium.support.ui.Select(recall.findElement(By.cssSelector("select.recall-outcome"))).selectByValue("QUARANTINED");
        recall.findElement(By.cssSelector("input.recall-note")).sendKeys("unit held");
        recall.findElement(By.cssSelector("button.recall-acknowledge")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-yes"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(recallRow));
        Awaitility.await("acknowledged").atMost(WAIT).until(() -> Recalls.of(server, "CD", recalled), list -> list.size() == 1
                && list.stream().allMatch(r -> r.get("status").asText().equals("ACKNOWLEDGED")
                        && r.at("/acknowledgement/outcome").asText().equals("QUARANTINED")));
        driver.findElement(By.id("recalls-refresh")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(recallRow));

        // Statistics: the numbers beside the chart, and the chart's own data, are the API's.
        driver.findElement(By.id("nav-stats")).click();
        setValue(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("s-from"))), "2025-11-25");
        setValue("s-to", "2026-11-25");
        wait.pollingEvery(Duration.ofMillis(500)).until(d -> {
            d.findElement(By.id("stats-submit")).click();
            HttpResponse<String> api = server.getAs(token, "/api/v1/stats?from=2025-11-25&to=2026-11-25");
            assertEquals(200, api.statusCode(), api.body());
            return statsShown(TestServer.json(api));
        });
        bothLanguages("stats", null);

        // Import: two lines, the second with a national ID that fails its check digit.
        Path file = Files.createTempFile("bloodbridge-import-", ".ndjson");
        try {
            String good = TestIds.resident(LocalDate.of(1979, 9, 9), true);
            String other = TestIds.resident(LocalDate.of(1979, 9, 10), true);
            String badCheckDigit = other.substring(0, 17) + (other.charAt(17) == '0' ? '1' : '0');
            Files.writeString(file, """
                    {"centre": "CD", "nationalId": "%s", "sex": "M", "birthDate": "1979-09-09", "abo": "B", "rhD": "POS"}
                    {"centre": "CD", "nationalId": "%s", "sex": "M", "birthDate": "1979-09-10"}
                    """.formatted(good, badCheckDigit));
            driver.findElement(By.id("nav-import")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-file"))).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.id("import-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#import-report[data-done='true']")));
            assertEquals("2", driver.findElement(By.id("import-lines")).getText());
            assertEquals("1", driver.findElement(By.id("import-accepted")).getText());
            assertEquals("1", driver.findElement(By.id("import-rejected")).getText());
            WebElement rejection = driver.findElement(By.cssSelector("#import-rejections tr[data-line='2']"));
            assertTrue(rejection.getText().contains("nationalId"), rejection.getText());
            assertEquals("1", driver.findElement(By.id("import-progress")).getAttribute("value"));
            bothLanguages("import", "#import-report");
        } finally {
            Files.deleteIfExists(file);
        }

        // The ID number looked up here is in no address, storage or log line either.
        urlsSeen.forEach(seen -> assertFalse(seen.contains(nationalId), seen));
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(e => e.name)");
        fetched.forEach(u -> assertFalse(u.contains(nationalId), u));
        assertEquals(historyAtStart, ((JavascriptExecutor) driver).executeScript("return history.length"), "the screens add no history entries");
        assertTrue(serverLog.list.stream().noneMatch(e -> e.getFormattedMessage().contains(nationalId)));

        // The same screens, as they were left, on a tablet.
        asATablet();
        fitsATablet("lookup", "lookup-id", "lookup-submit", "deferral-reason", "deferral-submit");
        fitsATablet("registry", "r-panel", "r-abo", "registry-submit");
        fitsATablet("recalls", "recalls-refresh");
        fitsATablet("stats", "s-from", "s-to", "stats-submit", "stats-chart");
        fitsATablet("import", "import-file", "import-submit", "import-report");
    }

    private WebElement eligibility(String type) {
        return driver.findElement(By.cssSelector("table.eligibility tr[data-type='" + type + "']"));
    }

    private void setValue(String id, String value) {
        setValue(driver.findElement(By.id(id)), value);
    }

    private void setValue(WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", input, value);
    }

    /** CD's figures beside the chart, the open recalls in the centres' table, and the chart's data, all as in {@code stats}. */
    private boolean statsShown(JsonNode stats) {
        JsonNode cd = null;
        for (JsonNode centre : stats.get("centres")) {
            if (centre.get("centre").asText().equals("CD")) {
                cd = centre;
            }
        }
        List<WebElement> rows = driver.findElements(By.cssSelector("#stats-figures[data-scope='CD'] tbody tr"));
        if (cd == null || rows.size() != 4) {
            return false;
        }
        List<Long> chartTo = new ArrayList<>();
        for (WebElement row : rows) {
            JsonNode figures = cd.get(row.getAttribute("data-panel"));
            if (!row.findElement(By.cssSelector("td.from")).getAttribute("data-value").equals(figures.get("from").asText())
                    || !row.findElement(By.cssSelector("td.to")).getAttribute("data-value").equals(figures.get("to").asText())
                    || !row.findElement(By.cssSelector("td.to")).getText().equals(String.format("%,d", figures.get("to").asLong()))) {
                return false;
            }
            chartTo.add(figures.get("to").asLong());
        }
        String open = driver.findElement(By.cssSelector("#stats-centres tr[data-centre='CD'] td.open-recalls")).getText();
        Object chart = ((JavascriptExecutor) driver).executeScript(
                "const c = window.Chart && Chart.getChart(document.getElementById('stats-chart'));"
                        + " return c ? c.data.datasets[1].data : null");
        return open.equals(cd.at("/recalls/open").asText()) && chart != null && chart.toString().equals(chartTo.toString());
    }

    /**
     * Switches the page to English and back: every label, heading, button, option and table header
     * changes (the same text in both is allowed only for codes: no lowercase, no Chinese), none
     * is a dictionary key, and back in Chinese every text is as before. Every form control has a
     * label and is reachable with the keyboard; nothing scrolls sideways at 1280 px. Screenshots
     * {@code console-<name>-zh} and {@code -en}, scrolled to {@code shown} (a CSS selector) when given.
     */
    @SuppressWarnings("unchecked")
    private void bothLanguages(String name, String shown) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(shown == null ? "window.scrollTo(0, 0)" : "document.querySelector(arguments[0]).scrollIntoView()", shown);
        String texts = "return [...document.querySelectorAll('nav button, main label, main h2, main h3, main h4, main th,"
                + " main button, main option, main caption, main dt, main p.hint, main progress + span')]"
                + ".map(e => (e.matches('label') ? [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('')"
                + " : e.textContent).trim())";
        List<String> zh = (List<String>) js.executeScript(texts);
        List<String> unlabelled = (List<String>) js.executeScript(
                "return [...document.querySelectorAll('main input, main select, main textarea, main button')]"
                        + ".filter(e => (e.labels ? e.labels.length === 0 : true) && !e.getAttribute('aria-label')"
                        + " && !(e.matches('button') && e.textContent.trim()) || e.tabIndex < 0).map(e => e.outerHTML)");
        assertEquals(List.of(), unlabelled);
        assertTrue((Boolean) js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
                name + " scrolls sideways at " + js.executeScript("return window.innerWidth") + " px");
        screenshot("console-" + name + "-zh");
        driver.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.id("language"), "中文"));
        List<String> en = (List<String>) js.executeScript(texts);
        assertEquals(zh.size(), en.size(), name + ": " + zh + " / " + en);
        for (int i = 0; i < zh.size(); i++) {
            String z = zh.get(i);
            String e = en.get(i);
            assertFalse(z.matches("[a-z]+[A-Z_][A-Za-z_]*") || e.matches("[a-z]+[A-Z_][A-Za-z_]*"), name + ": a key: " + z + " / " + e);
            assertFalse(e.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    name + ": Chinese in English: " + e);
            if (z.equals(e)) {
                assertTrue(!z.matches(".*\\p{Ll}.*") && z.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                        name + ": untranslated: " + z);
            }
        }
        screenshot("console-" + name + "-en");
        driver.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.id("language"), "English"));
        assertEquals(zh, js.executeScript(texts));
    }

    @Test
    void theConsoleIsServedWithoutATokenAndItsLibrariesAreCacheable() {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));

        HttpResponse<String> config = get("/console/config.json");
        assertEquals(200, config.statusCode());
        assertEquals(TestIdentityProvider.shared().issuer().toString(), TestServer.json(config).get("issuer").asText());
        assertEquals("bloodbridge-console", TestServer.json(config).get("clientId").asText());
        assertEquals("centres", TestServer.json(config).get("claims").get("centres").asText());

        // The page names its script and style under the hash of all the console's files: those are cacheable for ever.
        java.util.regex.Matcher versioned = java.util.regex.Pattern.compile("src=\"/console/v/([0-9a-f]{12})/app\\.js\"")
                .matcher(page.body());
        assertTrue(versioned.find(), page.body());
        String version = versioned.group(1);
        assertTrue(page.body().contains("href=\"/console/v/" + version + "/console.css\""), page.body());
        for (String file : List.of("app.js", "screens/stats.js", "console.css")) {
            HttpResponse<String> asset = get("/console/v/" + version + "/" + file);
            assertEquals(200, asset.statusCode(), file);
            assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""), file);
        }
        assertTrue(get("/console/v/" + version + "/app.js").headers().firstValue("Content-Type").orElse("").contains("javascript"));
        // Another version (a page from before an upgrade) gets today's files, revalidated, never cached for ever.
        HttpResponse<String> stale = get("/console/v/000000000000/app.js");
        assertEquals(200, stale.statusCode());
        assertEquals("no-cache", stale.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> app = get("/console/app.js");
        assertEquals(200, app.statusCode());
        assertTrue(app.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertEquals("no-cache", app.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(app.headers().firstValue("ETag").isPresent() || app.headers().firstValue("Last-Modified").isPresent());

        HttpResponse<String> library = get("/console/webjars/lit-html/3.3.2/lit-html.js");
        assertEquals(200, library.statusCode());
        assertTrue(library.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertEquals("public, max-age=31536000, immutable", library.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> charts = get("/console/webjars/chart.js/4.5.1/dist/chart.umd.js");
        assertEquals(200, charts.statusCode());
        assertEquals("public, max-age=31536000, immutable", charts.headers().firstValue("Cache-Control").orElse(""));

        assertEquals(404, get("/console/nothing-here.js").statusCode());
        assertEquals(404, get("/console/..%2Fapplication.conf").statusCode());
        // The API stays closed.
        assertEquals(401, get("/api/v1/match-requests?centre=CD").statusCode());
    }

    /**
     * Registers a donor. A 503 (the store slow to answer a fresh node's first writes on a loaded
     * machine) may still have registered them: a retry then finds them (409 names the donorId).
     */
    private static String register(String body) {
        HttpResponse<String> response = Awaitility.await("registration").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> server.post("/api/v1/donors", body), r -> r.statusCode() == 201 || r.statusCode() == 409);
        return TestServer.json(response).get("donorId").asText();
    }

    private static HttpResponse<String> get(String path) {
        return server.sendAnonymously(HttpRequest.newBuilder(server.uri(path)).GET());
    }

    private WebElement wholeBlood() {
        return driver.findElement(By.cssSelector("table.eligibility tr[data-type='WHOLE_BLOOD']"));
    }

    /** A tablet held upright: 800x1280 CSS px. */
    private void asATablet() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 800, "height", 1280, "deviceScaleFactor", 1, "mobile", false));
        assertEquals(800L, ((JavascriptExecutor) driver).executeScript("return window.innerWidth"));
    }

    /**
     * Opens {@code screen}: the page does not scroll sideways (a wide table scrolls in its own box),
     * and the header's and navigation's buttons and each of {@code controls} (ids) lie within the page's width.
     */
    @SuppressWarnings("unchecked")
    private void fitsATablet(String screen, String... controls) {
        driver.findElement(By.id("nav-" + screen)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id(controls[0])));
        List<String> off = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const page = document.documentElement, width = page.clientWidth;
                const off = page.scrollWidth > width ? ['the page: ' + page.scrollWidth + ' > ' + width + ' px'] : [];
                const shown = e => { const r = e.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= width; };
                document.querySelectorAll('header button, nav button').forEach(e => shown(e) || off.push(e.id));
                arguments[0].forEach(id => { const e = document.getElementById(id);
                    if (!e || !shown(e)) off.push(id + (e ? ' at ' + JSON.stringify(e.getBoundingClientRect()) : ' missing')); });
                return off;""", List.of(controls));
        assertEquals(List.of(), off, screen + " on a tablet");
    }

    private void open(String path) {
        driver.get(server.uri(path).toString());
        url();
    }

    /** The provider's own login page: user name and password (the dev realm's password is the name). */
    private void signInAs(String user) {
        driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(url().startsWith(TestIdentityProvider.shared().issuer() + "/protocol/openid-connect/auth?"), url());
        assertTrue(url().contains("code_challenge_method=S256"), url());
        screenshot("00-provider-login-" + user);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(server.uri("/").toString()));
        url();
    }

    /** Opens the console in {@code browser} and signs in as {@code user} there, until the header names them. */
    private static void signInAs(WebDriver browser, String user) {
        WebDriverWait until = new WebDriverWait(browser, WAIT, POLL);
        browser.get(server.uri("/").toString());
        until.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
        until.until(ExpectedConditions.textToBe(By.id("user"), user));
    }

    /** The browser's address now, remembered for the check that no address held the ID number. */
    private String url() {
        String url = driver.getCurrentUrl();
        urlsSeen.add(url);
        return url;
    }

    private void screenshot(String name) {
        screenshot(driver, name);
    }

    private static void screenshot(WebDriver browser, String name) {
        try {
            File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
