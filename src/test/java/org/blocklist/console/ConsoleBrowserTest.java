package org.blocklist.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.blocklist.principal.Role;
import org.blocklist.testing.Binaries;
import org.blocklist.testing.Blocklist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * Every role's work end to end in Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver, against the real server on an ephemeral port (issue 11): the police submit with one
 * bad name, read the reason, fix it and submit; a prosecutor approves; the list has the name (asked
 * of {@code /v1/lookup} with the JDK's HttpClient); an auditor sees the version and an ISP's
 * status; the admin adds and revokes principals; a revoked principal's session is refused; the
 * hotline sends a report that the police turn into a requisition, approved and then renewed by a
 * prosecutor; an appeal sent through the stop page's form is answered unblock and the pending
 * unblock requisition waits in the queue; the auditor reads reviews and appeals. Every page visited
 * is checked with axe-core for WCAG 2.1 A and AA (zero violations), and each role's main page is
 * saved as a screenshot in {@code target/console-screenshots}. One browser for the whole class; the
 * steps run in order and share the server's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  /** Where scripts/install-test-deps.sh unpacks axe-core from the npm registry. */
  static final Path AXE = Path.of("/usr/local/share/blocklist-test/axe-core-4.11.0/axe.min.js");

  static final Path SHOTS = Path.of("target/console-screenshots");

  private static final Duration WAIT = Duration.ofSeconds(15);

  private Blocklist bl;
  private WebDriver driver;
  private String axe;
  private String base;
  private String newToken;
  private String hotline;
  private final List<String> checked = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    if (!Files.isRegularFile(AXE)) {
      fail(AXE + " is missing: run scripts/install-test-deps.sh (as root) to install axe-core");
    }
    axe = Files.readString(AXE, StandardCharsets.UTF_8);
    bl = Blocklist.start(dir.resolve("data"));
    hotline = bl.server.addPrincipal("hotline-1", Role.HOTLINE);
    base = "http://127.0.0.1:" + bl.server.service().httpPort();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Binaries.require("chromium").toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        // the stop page answers by Host: its blocked names resolve to the loopback listener
        "--host-resolver-rules=MAP *.blocked-example.be 127.0.0.1",
        "--user-data-dir=" + dir.resolve("chromium"));
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(Binaries.require("chromedriver").toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (bl != null) {
      bl.close();
    }
  }

  @Test
  @Order(1)
  void police_submitWithABadName_readTheReason_fixIt_andSubmit() throws Exception {
    signIn(bl.police);
    assertEquals(base + "/console/requisitions/new", driver.getCurrentUrl());
    checkAccessibility("new requisition");
    type("domains", "https://Shop.Blocked-Example.be/offers\ncom");
    type("caseReference", "FCCU-2026-0099");
    type("note", "Reported by the hotline <script>alert(1)</script>");
    click(By.cssSelector("button[value=preview]"));
    WebElement alert = waitFor(By.cssSelector("[role=alert]"));
    assertTrue(
        alert.getText().contains("com: a public suffix or top-level domain"), alert.getText());
    assertTrue(
        driver.findElement(By.tagName("table")).getText().contains("shop.blocked-example.be"),
        "the canonical form of the URL's host");
    checkAccessibility("preview with a refusal");
    type("domains", "https://Shop.Blocked-Example.be/offers");
    click(By.cssSelector("button[value=preview]"));
    waitFor(By.cssSelector("p.notice.ok"));
    screenshot("police");
    checkAccessibility("preview ready");
    click(By.cssSelector("button[value=submit]"));
    WebElement done = waitFor(By.cssSelector("[role=status]"));
    assertTrue(done.getText().contains("Requisition 1 has been submitted"), done.getText());
    assertTrue(
        driver.getPageSource().contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the note's markup is text");
    checkAccessibility("my requisitions");
    signOut();
  }

  @Test
  @Order(2)
  void prosecutor_approves_andTheListHasTheName() throws Exception {
    signIn(bl.prosecutor);
    assertEquals(base + "/console/queue", driver.getCurrentUrl());
    WebElement article = waitFor(By.cssSelector("article"));
    assertTrue(article.getText().contains("shop.blocked-example.be"), article.getText());
    assertTrue(
        article.getText().contains("Names added: 1; names removed: 0; entries after approval: 1."),
        article.getText());
    screenshot("prosecutor");
    checkAccessibility("queue");
    type("note-1", "Approved: content confirmed.");
    click(By.cssSelector("form input[value=approve] ~ button"));
    WebElement done = waitFor(By.cssSelector("[role=status]"));
    assertTrue(done.getText().contains("version 1 is published"), done.getText());
    checkAccessibility("empty queue");
    HttpResponse<String> lookup =
        bl.server.get("/v1/lookup?domain=www.shop.blocked-example.be", bl.isp);
    JsonNode json = Blocklist.json(lookup);
    assertTrue(json.get("blocked").asBoolean(), lookup.body());
    assertEquals("shop.blocked-example.be", json.get("matchedEntry").asText());
    signOut();
  }

  @Test
  @Order(3)
  void auditor_seesTheVersion_theCheckpoint_theEvents_andAnIspStatus() throws Exception {
    HttpResponse<String> delta = bl.server.get("/v1/delta?from=0", bl.isp);
    assertEquals(200, delta.statusCode(), delta.body());
    signIn(bl.auditor);
    assertEquals(base + "/console/versions", driver.getCurrentUrl());
    WebElement table = waitFor(By.tagName("table"));
    assertTrue(table.getText().contains("1"), table.getText());
    screenshot("auditor");
    checkAccessibility("versions");
    click(By.linkText("1"));
    waitFor(By.cssSelector("ul.names"));
    assertTrue(driver.getPageSource().contains("shop.blocked-example.be"));
    checkAccessibility("version 1");
    click(By.linkText("Checkpoint"));
    String verifierKey =
        Blocklist.json(bl.server.get("/v1/keys", null)).get("verifierKey").asText();
    assertTrue(driver.getPageSource().contains(verifierKey), "the verifier key is shown");
    assertTrue(driver.getPageSource().contains("blocklist.jar verify --server " + base));
    checkAccessibility("checkpoint");
    click(By.linkText("Audit events"));
    assertTrue(driver.getPageSource().contains("requisition-approved"), driver.getPageSource());
    checkAccessibility("audit events");
    click(By.linkText("ISP status"));
    WebElement row = waitFor(By.xpath("//tr[td[text()='isp-a']]"));
    assertTrue(row.getText().contains("isp-a 1 0"), row.getText());
    assertFalse(row.findElements(By.cssSelector("svg polyline")).isEmpty(), "the lag chart");
    checkAccessibility("ISP status");
    signOut();
  }

  @Test
  @Order(4)
  void admin_addsAndRevokesPrincipals() throws Exception {
    signIn(bl.admin);
    assertEquals(base + "/console/principals", driver.getCurrentUrl());
    checkAccessibility("principals");
    addPrincipal("officer-9", "police");
    WebElement token = waitFor(By.id("new-token"));
    newToken = token.getAttribute("value");
    assertTrue(newToken.length() >= 40, newToken);
    assertTrue(
        driver.findElement(By.cssSelector("button[data-copy]")).isDisplayed(),
        "the copy button, shown by the script");
    screenshot("admin");
    checkAccessibility("principal added");
    addPrincipal("temp-auditor", "auditor");
    click(By.cssSelector("input[name=name][value=temp-auditor] ~ button"));
    WebElement done = waitFor(By.cssSelector("[role=status]"));
    assertTrue(done.getText().contains("temp-auditor has been revoked"), done.getText());
    assertTrue(
        driver.findElements(By.cssSelector("input[name=name][value=temp-auditor]")).isEmpty());
    HttpResponse<String> auditors =
        bl.server.get("/v1/requisitions", bl.auditor); // still served: the auditor is untouched
    assertEquals(200, auditors.statusCode());
    signOut();
  }

  @Test
  @Order(5)
  void aRevokedPrincipalsSession_isRefused() throws Exception {
    signIn(newToken);
    assertEquals(base + "/console/requisitions/new", driver.getCurrentUrl());
    HttpResponse<String> revoke = bl.server.delete("/v1/principals/officer-9", bl.admin);
    assertEquals(200, revoke.statusCode(), revoke.body());
    driver.get(base + "/console/requisitions");
    waitFor(By.id("token"));
    assertTrue(
        driver.getCurrentUrl().startsWith(base + "/console/sign-in?next="), driver.getCurrentUrl());
    checkAccessibility("sign-in");
    type("token", newToken);
    click(By.cssSelector("form button[type=submit]"));
    WebElement alert = waitFor(By.cssSelector("[role=alert]"));
    assertTrue(alert.getText().contains("not known or has been revoked"), alert.getText());
  }

  @Test
  @Order(6)
  void theLanguageSwitch_andTheErrorPages_areAccessibleToo() {
    driver.get(base + "/console/sign-in");
    click(By.linkText("Nederlands"));
    waitFor(By.xpath("//html[@lang='nl']"));
    assertTrue(driver.getPageSource().contains("Toegangstoken"));
    checkAccessibility("sign-in in Dutch");
    driver.get(base + "/console/nothing-here");
    checkAccessibility("error page in Dutch");
    click(By.linkText("Français"));
    waitFor(By.xpath("//html[@lang='fr']"));
    checkAccessibility("error page in French");
    click(By.linkText("English"));
    waitFor(By.xpath("//html[@lang='en']"));
    assertTrue(checked.size() >= 17, "pages checked: " + checked);
  }

  @Test
  @Order(7)
  void theAccessibilityCheck_canFail() {
    driver.get(base + "/console/sign-in");
    ((JavascriptExecutor) driver)
        .executeScript(
            "var i = document.createElement('img'); i.src = 'data:,'; document.body.append(i);");
    List<String> violations = violations();
    assertTrue(
        violations.stream().anyMatch(v -> v.startsWith("image-alt")),
        "an image without text is found: " + violations);
  }

  private void signIn(String token) {
    driver.get(base + "/console/");
    waitFor(By.id("token"));
    type("token", token);
    click(By.cssSelector("form button[type=submit]"));
    waitFor(By.cssSelector("p.who"));
  }

  private void signOut() {
    click(By.cssSelector("form[action='/console/sign-out'] button"));
    WebElement status = waitFor(By.cssSelector("[role=status]"));
    assertTrue(status.getText().contains("You are signed out."), status.getText());
  }

  private void addPrincipal(String name, String role) {
    type("name", name);
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("role")))
        .selectByValue(role);
    click(By.xpath("//button[@class='primary']"));
    waitFor(By.cssSelector("[role=status]"));
  }

  private void type(String id, String text) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  /** Clicks, then waits for the page the click loads. */
  private void click(By by) {
    WebElement e = driver.findElement(by);
    e.click();
    new WebDriverWait(driver, WAIT)
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(
            d -> {
              try {
                e.isEnabled();
                return false;
              } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
              }
            });
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void screenshot(String role) throws Exception {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(role + ".png"), png);
  }

  /** Runs axe-core in the page: no violation of WCAG 2.1 A or AA. */
  private void checkAccessibility(String page) {
    assertEquals(List.of(), violations(), page + " (" + driver.getCurrentUrl() + ")");
    checked.add(page);
  }

  @SuppressWarnings("unchecked")
  private List<String> violations() {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axe);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object result =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values:"
                + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(function (r) { done(r.violations.map(function (v) {"
                + " return v.id + ': ' + v.help + ' at ' + v.nodes.map(function (n) {"
                + " return n.target.join(' '); }).join(', '); })); })"
                + ".catch(function (e) { done(['axe failed: ' + e]); });");
    return (List<String>) result;
  }

  @Test
  @Order(8)
  void hotline_reports_police_turnItIntoARequisition_andAProsecutorApproves() throws Exception {
    signIn(hotline);
    assertEquals(base + "/console/reports", driver.getCurrentUrl());
    checkAccessibility("my reports");
    type("urls", "https://Hotline-Report.blocked-example.be/page?x=1\n10.0.0.1");
    type("hotlineReference", "HL-2026-0042");
    type("category", "fraud");
    click(By.cssSelector("form[action='/console/reports'] button.primary"));
    WebElement refused = waitFor(By.cssSelector("div[role=alert]"));
    assertTrue(
        refused.getText().contains("10.0.0.1: an IP address, not a domain name"),
        refused.getText());
    WebElement sent = waitFor(By.cssSelector("[role=status]"));
    assertTrue(sent.getText().contains("Report 1 has been sent"), sent.getText());
    assertTrue(driver.getPageSource().contains("hotline-report.blocked-example.be"));
    screenshot("hotline");
    checkAccessibility("report sent");
    signOut();

    signIn(bl.police);
    click(By.linkText("Hotline reports"));
    WebElement article = waitFor(By.cssSelector("article"));
    assertTrue(article.getText().contains("hotline-report.blocked-example.be"), article.getText());
    screenshot("police-triage");
    checkAccessibility("triage");
    type("case-1", "FCCU-HL-0042");
    type("rnote-1", "From hotline report HL-2026-0042");
    click(By.cssSelector("form input[value=requisition] ~ button"));
    WebElement turned = waitFor(By.cssSelector("[role=status]"));
    assertTrue(turned.getText().contains("Report 1 has become requisition"), turned.getText());
    checkAccessibility("triage done");
    signOut();

    signIn(bl.prosecutor);
    WebElement pending = waitFor(By.cssSelector("article"));
    assertTrue(pending.getText().contains("hotline-report.blocked-example.be"), pending.getText());
    click(By.cssSelector("form input[value=approve] ~ button"));
    WebElement done = waitFor(By.cssSelector("[role=status]"));
    assertTrue(done.getText().contains("is published"), done.getText());
    JsonNode lookup =
        Blocklist.json(
            bl.server.get("/v1/lookup?domain=hotline-report.blocked-example.be", bl.isp));
    assertTrue(lookup.get("blocked").asBoolean(), lookup.toString());
    click(By.linkText("Reviews due"));
    checkAccessibility("reviews due");
    driver.get(base + "/console/reviews?due=2999-12-31");
    WebElement box =
        waitFor(By.cssSelector("input[type=checkbox][value='hotline-report.blocked-example.be']"));
    box.click();
    type("note", "Still online, keep it blocked.");
    screenshot("prosecutor-reviews");
    checkAccessibility("reviews with names");
    click(By.cssSelector("form[method=post][action='/console/reviews'] button.primary"));
    WebElement renewed = waitFor(By.cssSelector("[role=status]"));
    assertTrue(renewed.getText().contains("1 name(s) renewed"), renewed.getText());
    signOut();
  }

  @Test
  @Order(9)
  void anAppeal_throughTheStopPagesForm_isAnsweredUnblock_andAnUnblockRequisitionWaits()
      throws Exception {
    driver.get("http://www.shop.blocked-example.be:" + bl.server.service().stopPort() + "/");
    waitFor(By.id("message"));
    type("message", "This shop sells lawful goods.");
    driver.findElement(By.cssSelector("form[action='/appeal'] button[type=submit]")).click();
    new WebDriverWait(driver, WAIT).until(d -> !d.getPageSource().contains("id=\"message\""));
    JsonNode appeals =
        Blocklist.json(bl.server.get("/v1/appeals?status=new", bl.prosecutor)).get("appeals");
    assertEquals(1, appeals.size(), appeals.toString());
    assertEquals("This shop sells lawful goods.", appeals.get(0).get("message").asText());
    long id = appeals.get(0).get("id").asLong();

    signIn(bl.prosecutor);
    click(By.linkText("Appeals"));
    WebElement article = waitFor(By.cssSelector("article"));
    assertTrue(article.getText().contains("This shop sells lawful goods."), article.getText());
    checkAccessibility("appeals");
    driver.findElement(By.id("unblock-" + id)).click();
    type("note-" + id, "The shop is lawful; unblock.");
    screenshot("prosecutor-appeals");
    click(By.cssSelector("form[action='/console/appeals'] button.primary"));
    WebElement done = waitFor(By.cssSelector("[role=status]"));
    assertTrue(done.getText().contains("waits for another prosecutor"), done.getText());
    checkAccessibility("appeal answered");
    driver.get(base + "/console/appeals?status=answered");
    assertTrue(driver.getPageSource().contains("This shop sells lawful goods."));
    checkAccessibility("appeals answered");
    driver.get(base + "/console/queue");
    WebElement queued = waitFor(By.cssSelector("article"));
    assertTrue(queued.getText().contains("shop.blocked-example.be"), queued.getText());
    assertTrue(queued.getText().contains("Names added: 0; names removed: 1"), queued.getText());
    signOut();
  }

  @Test
  @Order(10)
  void theAuditor_readsReviewsAndAppeals_withoutForms() throws Exception {
    signIn(bl.auditor);
    click(By.linkText("Reviews due"));
    driver.get(base + "/console/reviews?due=2999-12-31");
    waitFor(By.tagName("table"));
    assertTrue(driver.findElements(By.cssSelector("input[type=checkbox]")).isEmpty());
    checkAccessibility("reviews, auditor");
    driver.get(base + "/console/appeals?status=answered");
    waitFor(By.cssSelector("article"));
    assertTrue(driver.findElements(By.cssSelector("form[action='/console/appeals']")).isEmpty());
    checkAccessibility("appeals, auditor");
    signOut();
  }
}
