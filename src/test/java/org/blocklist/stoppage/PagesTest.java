package org.blocklist.stoppage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PagesTest {
  private final Pages pages = new Pages("+32 2 000 00 00");

  @Test
  void blocked_eachLanguage_isASmallSelfContainedAccessiblePage() {
    for (Language l : Language.values()) {
      String page = new String(pages.blocked(l).bodyBytes(), StandardCharsets.UTF_8);

      assertTrue(page.length() < 4096, l + ": " + page.length() + " characters");
      assertTrue(page.contains("<html lang=\"" + l.tag() + "\">"), page);
      assertTrue(page.contains("<meta charset=\"utf-8\">"), page);
      assertTrue(page.contains("<title>" + l.title() + "</title>"), page);
      assertTrue(page.contains("<main>\n<h1>" + l.heading() + "</h1>"), page);
      assertTrue(page.contains("name=\"viewport\""), page);
      assertTrue(!Pattern.compile("(?i)<script|src=|url\\(|@import|https?:").matcher(page).find());
      assertEquals(451, pages.blocked(l).status().code());
    }
  }

  @Test
  void contentSecurityPolicy_allowsExactlyTheInlineStyle() throws Exception {
    String digest =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Pages.STYLE.getBytes(StandardCharsets.UTF_8)));
    String page = new String(pages.blocked(Language.EN).bodyBytes(), StandardCharsets.UTF_8);

    assertTrue(page.contains("<style>" + Pages.STYLE + "</style>"));
    assertEquals(
        "default-src 'none'; style-src 'sha256-"
            + digest
            + "'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        Pages.CONTENT_SECURITY_POLICY);
  }

  @Test
  void phoneLink_escapesTheTextAndDialsOnlyDigits() {
    assertEquals(
        "<a href=\"tel:+3220000000\">+32 2 000 00 00</a>", Pages.phoneLink(" +32 2 000 00 00 "));
    assertEquals("<a href=\"tel:022\">02/2 (office)</a>", Pages.phoneLink("02/2 (office)"));
    assertEquals(
        "<a href=\"tel:1\">&lt;b x=&quot;1&quot;&gt;&#39;&amp;</a>",
        Pages.phoneLink("<b x=\"1\">'&"));
    assertEquals("call &lt;us&gt;", Pages.phoneLink("call <us>"));
  }

  @Test
  void new_badPhone_isRefused() {
    assertThrows(NullPointerException.class, () -> new Pages(null));
    assertEquals(
        "contactPhone: 2 characters (expected: 1..64, not blank)",
        assertThrows(IllegalArgumentException.class, () -> new Pages("  ")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Pages("1".repeat(65)));
  }
}
